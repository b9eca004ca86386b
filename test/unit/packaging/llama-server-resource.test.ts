import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import config from '../../../forge.config';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { machOLibraries } from '../../../packaging/linked-libraries';
import {
  checkPackagedLlamaServer,
  listResourceFolder,
  llamaServerResourceProblems,
  resourcesDir,
} from '../../../packaging/llama-server-resource';

const LINKED = {
  files: [
    'libggml-base.so',
    'libggml-cpu-haswell.so',
    'libggml-cpu-zen4.so',
    'libggml-cuda.so',
    'libggml.v0.4.0.so',
    'libllama-common.so',
    'libllama.v0.4.0.so',
    'llama-bench',
    'llama-server',
  ],
  needs: {
    'llama-server': ['libllama-common.so', 'libllama.v0.4.0.so', 'libggml.v0.4.0.so', 'libggml-base.so', 'libstdc++.so.6', 'libc.so.6'],
    'llama-bench': ['libllama-common.so', 'libllama.v0.4.0.so', 'libggml-base.so', 'libc.so.6'],
    'libllama-common.so': ['libllama.v0.4.0.so', 'libggml.v0.4.0.so', 'libggml-base.so', 'ld-linux-x86-64.so.2'],
    'libllama.v0.4.0.so': ['libggml.v0.4.0.so', 'libggml-base.so', 'libm.so.6'],
    'libggml.v0.4.0.so': ['libggml-base.so', 'libgcc_s.so.1'],
    'libggml-base.so': ['libc.so.6'],
    'libggml-cuda.so': ['libggml-base.so', 'libcudart.so.13', 'libcublas.so.13', 'libcuda.so.1'],
  },
};

describe('llamaServerResourceProblems', () => {
  it('accepts a folder with the server, every library it names, CPU variants and a GPU backend', () => {
    expect(llamaServerResourceProblems(LINKED)).toEqual([]);
  });

  it('names a library a program needs that is not carried, and one nothing uses', () => {
    const files = [...LINKED.files.filter((file) => file !== 'libllama-common.so'), 'libunused.so'];
    expect(llamaServerResourceProblems({ ...LINKED, files })).toEqual([
      'llama-server needs libllama-common.so, which is not in the folder',
      'llama-bench needs libllama-common.so, which is not in the folder',
      'libunused.so is carried but nothing uses it',
    ]);
  });

  it('wants llama-server and a CPU backend for ggml to load', () => {
    const files = LINKED.files.filter((file) => file !== 'llama-server' && !file.startsWith('libggml-cpu'));
    expect(llamaServerResourceProblems({ ...LINKED, files })).toEqual([
      'llama-server is missing',
      'no CPU backend (libggml-cpu*) for ggml to load',
    ]);
  });

  it('reads a Windows folder: programs end in .exe, libraries in .dll, the system and C++ runtime DLLs are not carried', () => {
    const windows = {
      files: ['ggml-base.dll', 'ggml-cpu-haswell.dll', 'ggml-cpu-x64.dll', 'ggml.dll', 'llama.dll', 'llama-server.exe', 'mtmd.dll'],
      needs: {
        'llama-server.exe': ['llama.dll', 'ggml.dll', 'ggml-base.dll', 'mtmd.dll', 'KERNEL32.dll', 'MSVCP140.dll', 'VCRUNTIME140.dll'],
        'mtmd.dll': ['llama.dll', 'ggml-base.dll', 'api-ms-win-crt-runtime-l1-1-0.dll'],
        'llama.dll': ['ggml.dll', 'ggml-base.dll', 'ADVAPI32.dll'],
        'ggml.dll': ['ggml-base.dll'],
        'ggml-base.dll': ['KERNEL32.dll'],
        'ggml-cpu-x64.dll': ['ggml-base.dll'],
      },
    };
    expect(llamaServerResourceProblems(windows)).toEqual([]);
    expect(llamaServerResourceProblems({ ...windows, files: windows.files.filter((file) => file !== 'ggml.dll') })).toEqual([
      'llama-server.exe needs ggml.dll, which is not in the folder',
      'llama.dll needs ggml.dll, which is not in the folder',
    ]);
  });

  it("reads otool's listing of a macOS program and library: names as the loader looks them up, a dylib's own name left out", () => {
    const program = [
      'out/llama-server/llama-server:',
      '\t@rpath/libllama-common.dylib (compatibility version 0.0.0, current version 0.0.0)',
      '\t@rpath/libggml-base.dylib (compatibility version 0.0.0, current version 0.0.0)',
      '\t/System/Library/Frameworks/Accelerate.framework/Versions/A/Accelerate (compatibility version 1.0.0, current version 4.0.0)',
      '\t/usr/lib/libc++.1.dylib (compatibility version 1.0.0, current version 1800.101.0)',
    ].join('\n');
    expect(machOLibraries(program, 'llama-server')).toEqual([
      'libllama-common.dylib',
      'libggml-base.dylib',
      '/System/Library/Frameworks/Accelerate.framework/Versions/A/Accelerate',
      '/usr/lib/libc++.1.dylib',
    ]);
    const library = [
      'libllama.dylib:',
      '\t@rpath/libllama.dylib (compatibility version 0.0.0, current version 0.0.0)',
      '\t@loader_path/libggml.dylib (compatibility version 0.0.0, current version 0.0.0)',
    ].join('\n');
    expect(machOLibraries(library, 'libllama.dylib')).toEqual(['libggml.dylib']);
  });

  it.runIf(process.platform === 'linux')(
    'passes the linked build of this machine, which is what package:llama-server copies',
    async (context) => {
      const found = await findLlamaServerBinary();
      if (found?.options !== 'linked') return context.skip();
      expect(llamaServerResourceProblems(listResourceFolder(path.dirname(found.server)))).toEqual([]);
    },
  );
});

describe('packaging checks the llama-server folder it packaged (forge.config.ts postPackage)', () => {
  const postPackage = config.hooks?.postPackage;
  let appDir = '';
  afterEach(() => {
    vi.restoreAllMocks();
    if (appDir) rmSync(appDir, { recursive: true, force: true });
  });

  /** A packaged Linux app whose resources/llama-server links to this machine's linked build, one file left out if asked. */
  async function packagedApp(leaveOut?: string): Promise<string | null> {
    const found = await findLlamaServerBinary();
    if (found?.options !== 'linked') return null;
    appDir = mkdtempSync(path.join(os.tmpdir(), 'folio-packaged-'));
    const folder = path.join(appDir, 'resources', 'llama-server');
    mkdirSync(folder, { recursive: true });
    const built = path.dirname(found.server);
    for (const file of readdirSync(built)) if (file !== leaveOut) symlinkSync(path.join(built, file), path.join(folder, file));
    return appDir;
  }

  const runHook = (outputPaths: string[]) =>
    postPackage?.(config as never, { platform: 'linux', arch: 'x64', outputPaths } as never) ?? Promise.reject(new Error('no hook'));

  it.runIf(process.platform === 'linux')('passes a complete folder and says so', async (context) => {
    const app = await packagedApp();
    if (!app) return context.skip();
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await runHook([app]);
    expect(log).toHaveBeenCalledWith(`llama-server folder checked: ${path.join(app, 'resources', 'llama-server')}`);
  });

  it.runIf(process.platform === 'linux')('fails the build when a library the server links is missing', async (context) => {
    const app = await packagedApp('libggml-base.so');
    if (!app) return context.skip();
    await expect(runHook([app])).rejects.toThrow(/llama-server needs libggml-base\.so, which is not in the folder/);
  });

  it('fails when the build carried llama-server and the packaged app has none; passes over it when none was carried', () => {
    appDir = mkdtempSync(path.join(os.tmpdir(), 'folio-packaged-'));
    expect(() => checkPackagedLlamaServer([appDir], 'linux', true)).toThrow(/has no llama-server folder/);
    expect(checkPackagedLlamaServer([appDir], 'linux', false)).toEqual([]);
  });

  it('looks inside the app bundle on macOS, beside the app elsewhere', () => {
    appDir = mkdtempSync(path.join(os.tmpdir(), 'folio-packaged-'));
    mkdirSync(path.join(appDir, 'folio-studio.app', 'Contents', 'Resources'), { recursive: true });
    expect(resourcesDir(appDir, 'darwin')).toBe(path.join(appDir, 'folio-studio.app', 'Contents', 'Resources'));
    expect(resourcesDir(appDir, 'win32')).toBe(path.join(appDir, 'resources'));
  });
});
