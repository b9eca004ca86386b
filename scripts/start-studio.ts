/**
 * npm start: the desktop app where Electron's binary is installed (`electron-forge start`:
 * Vite builds main, preload and host, serves the renderer, starts Electron), and otherwise the
 * headless server with the same studio, whose URL opens it in a browser. Arguments after
 * `npm start --` go to whichever starts.
 *
 * The binary is looked for the way the electron package finds it (path.txt, dist/), not by
 * require('electron'): in Electron 45 that require downloads the binary when it is missing.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(projectDir = PROJECT_DIR, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = path.join(projectDir, 'node_modules', 'electron');
  if (!existsSync(path.join(packageDir, 'package.json'))) return { found: false, reason: 'the electron package is not installed' };
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  if (!executable && !env.ELECTRON_OVERRIDE_DIST_PATH)
    return { found: false, reason: `${path.relative(projectDir, pathFile)} is missing: the download never finished` };
  const binary = path.join(distDir, executable || 'electron');
  try {
    accessSync(binary, constants.X_OK);
    return { found: true, path: binary };
  } catch {
    return { found: false, reason: `${path.relative(projectDir, binary)} is missing or not executable` };
  }
}

export interface StartStep {
  command: string;
  args: string[];
}

export interface StartPlan {
  /** One line for the terminal before anything runs, or null. */
  notice: string | null;
  steps: StartStep[];
}

export interface StartSituation {
  electron: ElectronBinary;
  /** dist/renderer/index.html exists. */
  rendererBuilt: boolean;
  /** package.json has a build:renderer script. */
  canBuildRenderer: boolean;
  args: string[];
  node: string;
  /** process.versions.node: Electron Forge 8, which starts the desktop app, needs 22.13 or newer. */
  nodeVersion: string;
}

/** Electron Forge 8's own requirement (its package.json engines). */
export const FORGE_MIN_NODE = [22, 13] as const;

function forgeRunsOn(nodeVersion: string): boolean {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  return major > FORGE_MIN_NODE[0] || (major === FORGE_MIN_NODE[0] && minor >= FORGE_MIN_NODE[1]);
}

export function planStart({ electron, rendererBuilt, canBuildRenderer, args, node, nodeVersion }: StartSituation): StartPlan {
  if (electron.found && forgeRunsOn(nodeVersion)) {
    return {
      notice: null,
      steps: [
        {
          command: node,
          args: [
            path.join('node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js'),
            'start',
            ...(args.length ? ['--', ...args] : []),
          ],
        },
      ],
    };
  }
  const build = !rendererBuilt && canBuildRenderer ? [{ command: 'npm', args: ['run', 'build:renderer'] }] : [];
  return {
    notice: electron.found
      ? `The desktop app is started by Electron Forge, which needs Node ${FORGE_MIN_NODE.join('.')} or newer (this is ${nodeVersion}); serving the studio in your browser instead.`
      : `Electron's binary is not installed here (${electron.reason}); serving the studio in your browser instead.`,
    // bin/serve.js: the compiled server (dist/node) while it is up to date with its sources, else the TypeScript.
    steps: [...build, { command: node, args: [path.join('bin', 'serve.js'), ...args] }],
  };
}

function situation(args: string[]): StartSituation {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return {
    electron: findElectronBinary(),
    rendererBuilt: existsSync(path.join(PROJECT_DIR, 'dist', 'renderer', 'index.html')),
    canBuildRenderer: Boolean(manifest.scripts?.['build:renderer']),
    args,
    node: process.execPath,
    nodeVersion: process.versions.node,
  };
}

/** Runs one step in the foreground, passing Ctrl+C on; resolves with its exit code. */
function run(step: StartStep): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: PROJECT_DIR,
      stdio: 'inherit',
      shell: process.platform === 'win32' && step.command === 'npm',
    });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (error) => {
      console.error(`Could not run ${step.command}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function startStudio(args: string[]): Promise<number> {
  const plan = planStart(situation(args));
  if (plan.notice) console.log(plan.notice);
  for (const step of plan.steps) {
    const code = await run(step);
    if (code !== 0) return code;
  }
  return 0;
}
