/**
 * Builds the Node-side bundles the way `electron-forge package` does (Forge's own Vite build
 * worker, production mode) into a scratch project that links to this one, and checks what the
 * packaged app depends on: the files main expects beside it, the preload as one self-contained
 * file, and no native package bundled in.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { VITE_BUILD } from '../../../forge.config';

const repo = path.resolve(import.meta.dirname, '../../..');
const project = mkdtempSync(path.join(os.tmpdir(), 'folio-vite-'));
const out = path.join(project, '.vite', 'build');
const read = (file: string) => readFileSync(path.join(out, file), 'utf8');
const requires = (code: string): string[] => [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? '');

beforeAll(() => {
  for (const entry of [
    'electron',
    'native-models',
    'packaging',
    'node_modules',
    'package.json',
    'vite.main.config.ts',
    'vite.preload.config.ts',
    'vite.worker.config.ts',
    'vite.embedder-worker.config.ts',
    'vite.heic-worker.config.ts',
    'vite.bounded-workers.config.ts',
  ]) {
    symlinkSync(path.join(repo, entry), path.join(project, entry));
  }
  const worker = path.join(path.dirname(createRequire(import.meta.url).resolve('@electron-forge/plugin-vite')), 'subprocess-worker.js');
  VITE_BUILD.build.forEach((_target, index) => {
    const build = spawnSync(process.execPath, [worker], {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...process.env,
        FORGE_VITE_PROJECT_DIR: project,
        FORGE_VITE_KIND: 'build',
        FORGE_VITE_INDEX: String(index),
        FORGE_VITE_CONFIG: JSON.stringify(VITE_BUILD),
        VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true',
      },
    });
    if (build.status !== 0) throw new Error(`${VITE_BUILD.build[index]?.entry}: ${build.stdout}\n${build.stderr}`);
  });
}, 120_000);

describe('the Vite bundles Forge packages', () => {
  it('puts main, preload, the model host and the workers where main looks for them', () => {
    const workers = ['export-worker.js', 'picture-embedder-worker.js', 'heic-worker.js', 'template-worker.js', 'markdown-worker.js'];
    for (const file of ['main.cjs', 'preload.cjs', 'host-main.cjs', ...workers]) expect(existsSync(path.join(out, file)), file).toBe(true);
    const main = read('main.cjs');
    expect(main).toContain('preload.cjs');
    expect(main).toContain('host-main.cjs');
    expect(main).toContain('export-worker');
    expect(main).toContain('picture-embedder-worker');
    expect(main).toContain('heic-worker');
    expect(main).toContain('template-worker');
    expect(main).toContain('markdown-worker');
  });

  it('makes the preload one file that requires nothing but electron', () => {
    expect(requires(read('preload.cjs'))).toEqual(['electron']);
    expect(read('preload.cjs')).toContain('exposeInMainWorld');
  });

  it('leaves native bindings as run-time imports and gives CommonJS a real import.meta.url', () => {
    const main = read('main.cjs');
    const external = requires(main).filter(
      (name) => !name.startsWith('node:') && !name.startsWith('./') && !name.startsWith('ajv/dist/runtime/'),
    );
    expect(external.sort()).toEqual(['better-sqlite3', 'electron', 'sharp']);
    expect(main).not.toContain('data:video/mp2t');
    expect(main).not.toContain('{}.url');
    expect(read('export-worker.js')).toMatch(/from "sharp"/);
    expect(read('export-worker.js')).toMatch(/from "playwright-core"/);
    expect(read('picture-embedder-worker.js')).toMatch(/from "onnxruntime-node"/);
    expect(read('picture-embedder-worker.js')).toMatch(/from "sharp"/);
    // The HEIC decoder reads its WebAssembly from its package at run time.
    expect(read('heic-worker.js')).toContain('libheif-js/libheif-wasm/libheif.js');
  });
});
