import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, planStart, type StartSituation } from '../../../scripts/start-studio';

function fakeProject(options: { pathTxt?: string; binary?: 'executable' | 'plain' }): string {
  const project = mkdtempSync(path.join(os.tmpdir(), 'folio-start-'));
  const electron = path.join(project, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(path.join(electron, 'package.json'), '{"name":"electron"}');
  if (options.pathTxt !== undefined) writeFileSync(path.join(electron, 'path.txt'), options.pathTxt);
  if (options.binary && options.pathTxt) {
    mkdirSync(path.join(electron, 'dist'));
    const binary = path.join(electron, 'dist', options.pathTxt);
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, options.binary === 'executable' ? 0o755 : 0o644);
  }
  return project;
}

const situation = (overrides: Partial<StartSituation>): StartSituation => ({
  electron: { found: false, reason: 'node_modules/electron/path.txt is missing: the download never finished' },
  rendererBuilt: true,
  canBuildRenderer: true,
  nodeVersion: '22.13.0',
  args: [],
  node: '/usr/bin/node',
  ...overrides,
});

describe('npm start', () => {
  it('finds an installed, executable Electron binary without requiring the package', () => {
    const project = fakeProject({ pathTxt: 'electron', binary: 'executable' });
    expect(findElectronBinary(project, {})).toEqual({
      found: true,
      path: path.join(project, 'node_modules', 'electron', 'dist', 'electron'),
    });
  });

  it('says why the binary is not there', () => {
    expect(findElectronBinary(fakeProject({}), {})).toMatchObject({ found: false, reason: expect.stringContaining('path.txt is missing') });
    expect(findElectronBinary(fakeProject({ pathTxt: 'electron' }), {})).toMatchObject({
      found: false,
      reason: expect.stringContaining('missing or not executable'),
    });
    if (process.platform !== 'win32')
      expect(findElectronBinary(fakeProject({ pathTxt: 'electron', binary: 'plain' }), {})).toMatchObject({ found: false });
    expect(findElectronBinary(mkdtempSync(path.join(os.tmpdir(), 'folio-start-')), {})).toEqual({
      found: false,
      reason: 'the electron package is not installed',
    });
  });

  it('starts the desktop app through Forge when Electron is there, passing the arguments on', () => {
    const plan = planStart(situation({ electron: { found: true, path: '/x/electron' }, rendererBuilt: false, args: ['--verbose'] }));
    expect(plan.notice).toBeNull();
    expect(plan.steps).toEqual([
      {
        command: '/usr/bin/node',
        args: [path.join('node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js'), 'start', '--', '--verbose'],
      },
    ]);
  });

  it('otherwise says so in one line and serves the studio to the browser', () => {
    const plan = planStart(situation({ args: ['--port', '8080'] }));
    expect(plan.notice).toBe(
      "Electron's binary is not installed here (node_modules/electron/path.txt is missing: the download never finished); serving the studio in your browser instead.",
    );
    expect(plan.notice?.includes('\n')).toBe(false);
    expect(plan.steps).toEqual([{ command: '/usr/bin/node', args: [path.join('bin', 'serve.js'), '--port', '8080'] }]);
  });

  it('builds the renderer first when it is missing and can be built', () => {
    expect(planStart(situation({ rendererBuilt: false })).steps.map((step) => step.command)).toEqual(['npm', '/usr/bin/node']);
    expect(planStart(situation({ rendererBuilt: false, canBuildRenderer: false })).steps.map((step) => step.command)).toEqual([
      '/usr/bin/node',
    ]);
  });

  it('serves the browser studio, saying why, where Node is too old for Electron Forge', () => {
    const plan = planStart(situation({ electron: { found: true, path: '/x/electron' }, nodeVersion: '20.20.2' }));
    expect(plan.notice).toBe(
      'The desktop app is started by Electron Forge, which needs Node 22.13 or newer (this is 20.20.2); serving the studio in your browser instead.',
    );
    expect(plan.steps.at(-1)?.args[0]).toBe(path.join('bin', 'serve.js'));
    expect(planStart(situation({ electron: { found: true, path: '/x/electron' }, nodeVersion: '23.1.0' })).notice).toBeNull();
  });
});
