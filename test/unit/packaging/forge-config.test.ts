import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import config, {
  APP_ICON,
  LINUX_ICON_SET,
  LLAMA_SERVER_RESOURCE,
  NATIVE_PACKAGES,
  WINDOWS_ICON,
  packagerConfig,
} from '../../../forge.config';
import { electronBuilderOptions } from '../../../packaging/electron-builder-maker';
import mainViteConfig from '../../../vite.main.config';
import preloadViteConfig from '../../../vite.preload.config';
import workerViteConfig from '../../../vite.worker.config';
import boundedWorkersViteConfig from '../../../vite.bounded-workers.config';
import { isForTarget, pruneForeignBinaries } from '../../../packaging/prune-foreign-binaries';
import { packageFilter, runtimeModuleFolders } from '../../../packaging/runtime-modules';

type Plugin = { name: string; config?: unknown; fusesConfig?: unknown };
type Maker = { name: string; platforms: string[]; packageName?: string; configOrConfigFetcher?: unknown };

const plugins = config.plugins as Plugin[];
const makers = config.makers as Maker[];

describe('forge configuration', () => {
  it('unpacks every native binding from the asar', () => {
    const { asar } = packagerConfig(false);
    for (const name of NATIVE_PACKAGES) expect(asar.unpack).toContain(name);
    expect(config.packagerConfig?.asar).toEqual({
      unpack:
        '**/node_modules/{node-llama-cpp,@node-llama-cpp,@fugood/llama.node,@fugood,better-sqlite3,sharp,@img,onnxruntime-node,onnxruntime-common}/**',
    });
  });

  it('carries the prebuilt llama-server when the release build made it, and nothing otherwise', () => {
    expect(packagerConfig(true).extraResource).toEqual([LLAMA_SERVER_RESOURCE]);
    expect(packagerConfig(false).extraResource).toEqual([]);
  });

  it('flips exactly the chosen fuses', () => {
    const fuses = plugins.find((plugin) => plugin.name === 'fuses');
    expect(fuses?.fusesConfig).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true,
    });
  });

  it('makes an AppImage on Linux, an NSIS installer on Windows and a zip on macOS (and Linux)', () => {
    const platformsOf = (name: string) => makers.filter((maker) => maker.name === name).flatMap((maker) => maker.platforms);
    expect(platformsOf('electron-builder-appimage')).toEqual(['linux']);
    expect(platformsOf('electron-builder-nsis')).toEqual(['win32']);
    expect(platformsOf('zip')).toEqual(['darwin', 'linux']);
    expect(makers.map((maker) => maker.packageName).filter(Boolean)).toEqual([
      'electron-forge-maker-appimage',
      'electron-forge-maker-nsis',
    ]);
    for (const maker of makers) expect((maker as unknown as { __isElectronForgeMaker: boolean }).__isElectronForgeMaker).toBe(true);
  });

  it('gives the app, the AppImage and the NSIS installer the app icon, and every path exists', () => {
    expect(packagerConfig(false).icon).toBe(APP_ICON);
    expect(path.extname(APP_ICON)).toBe('');
    for (const file of [
      `${APP_ICON}.icns`,
      `${APP_ICON}.ico`,
      WINDOWS_ICON,
      ...['16x16', '32x32', '256x256', '512x512'].map((size) => `${LINUX_ICON_SET}/${size}.png`),
    ])
      expect(existsSync(file), file).toBe(true);
    const iconOf = (name: string) => (makers.find((maker) => maker.name === name)?.configOrConfigFetcher as { icon?: string }).icon;
    expect([iconOf('electron-builder-appimage'), iconOf('electron-builder-nsis')]).toEqual([LINUX_ICON_SET, WINDOWS_ICON]);
    expect(electronBuilderOptions({ target: 'appimage', icon: LINUX_ICON_SET }, '/p/out/folio-linux-x64', 'x64')).toEqual({
      linux: ['appimage:x64'],
      config: { directories: { output: path.resolve('/p/out/make') }, linux: { icon: LINUX_ICON_SET } },
    });
    expect(electronBuilderOptions({ target: 'nsis', icon: WINDOWS_ICON }, '/p/out/folio-win32-x64', 'x64')).toEqual({
      win: ['nsis:x64'],
      config: {
        directories: { output: path.resolve('/p/out/make') },
        win: { icon: WINDOWS_ICON },
        nsis: { installerIcon: WINDOWS_ICON, uninstallerIcon: WINDOWS_ICON },
      },
    });
  });

  it('builds main, preload, the model host and the workers, and the renderer as main_window', () => {
    const vite = plugins.find((plugin) => plugin.name === 'vite')?.config as {
      build: Array<{ entry: string; config: string; target: string }>;
      renderer: Array<{ name: string; config: string }>;
    };
    expect(vite.build).toEqual([
      { entry: 'electron/app/main.ts', config: 'vite.main.config.ts', target: 'main' },
      { entry: 'electron/app/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      { entry: 'native-models/host/host-main.ts', config: 'vite.main.config.ts', target: 'main' },
      { entry: 'electron/studio/export/export-worker.ts', config: 'vite.worker.config.ts', target: 'main' },
      { entry: 'electron/studio/library/picture-embedder-worker.ts', config: 'vite.embedder-worker.config.ts', target: 'main' },
      { entry: 'electron/studio/library/heic/heic-worker.ts', config: 'vite.heic-worker.config.ts', target: 'main' },
      {
        entry: {
          'template-worker': 'native-models/prompts/template-worker.ts',
          'markdown-worker': 'electron/studio/documents/markdown-worker.ts',
        },
        config: 'vite.bounded-workers.config.ts',
        target: 'main',
      },
    ]);
    expect(vite.renderer).toEqual([{ name: 'main_window', config: 'vite.renderer.config.ts' }]);
  });

  it('keeps native packages (and playwright-core) out of the main, preload and worker bundles', () => {
    for (const viteConfig of [mainViteConfig, preloadViteConfig, workerViteConfig, boundedWorkersViteConfig]) {
      const external = viteConfig.build?.rollupOptions?.external as RegExp[];
      const isExternal = (specifier: string) => external.some((pattern) => pattern.test(specifier));
      for (const specifier of [
        'node-llama-cpp',
        'node-llama-cpp/dist/index.js',
        '@node-llama-cpp/linux-x64',
        '@fugood/llama.node',
        '@fugood/node-llama-linux-x64',
        'better-sqlite3',
        'sharp',
        '@img/sharp-linux-x64',
        'playwright-core',
      ]) {
        expect(isExternal(specifier), specifier).toBe(true);
      }
      for (const specifier of ['ajv', 'docx', 'sharpen', 'better-sqlite3-helper', '@image/x', 'node-llama-cpp-extra'])
        expect(isExternal(specifier), specifier).toBe(false);
    }
  });
});

function fakeModule(root: string, name: string, manifest: Record<string, unknown> = {}): void {
  const dir = path.join(root, 'node_modules', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', ...manifest }));
}

describe('what goes into the package', () => {
  it('keeps the runtime packages with everything they depend on, and drops the rest', () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'folio-package-'));
    fakeModule(project, 'sharp', {
      dependencies: { 'detect-libc': '1' },
      optionalDependencies: { '@img/sharp-linux-x64': '1', '@img/sharp-win32-x64': '1' },
    });
    fakeModule(project, '@img/sharp-linux-x64');
    fakeModule(project, 'detect-libc');
    fakeModule(project, 'better-sqlite3', { dependencies: { bindings: '1' } });
    fakeModule(project, 'better-sqlite3/node_modules/bindings', { dependencies: { 'file-uri-to-path': '1' } });
    fakeModule(project, 'file-uri-to-path');
    fakeModule(project, 'react');
    fakeModule(project, 'vite');

    const kept = runtimeModuleFolders(project, ['sharp', 'better-sqlite3', '@img', 'playwright-core']);
    expect([...kept].sort()).toEqual(['@img/sharp-linux-x64', 'better-sqlite3', 'detect-libc', 'file-uri-to-path', 'sharp']);

    const ignore = packageFilter(kept);
    const shipped = [
      '',
      '/package.json',
      '/.vite',
      '/.vite/build/main.cjs',
      '/dist',
      '/dist/renderer/index.html',
      '/node_modules',
      '/node_modules/sharp/lib/index.js',
      '/node_modules/@img',
      '/node_modules/@img/sharp-linux-x64/lib/sharp.node',
      '/node_modules/better-sqlite3/node_modules/bindings/bindings.js',
    ];
    const left = [
      '/electron/app/main.ts',
      '/renderer/src/main.tsx',
      '/dist/cli',
      '/node_modules/react',
      '/node_modules/.bin',
      '/node_modules/@img/sharp-win32-x64',
      '/node_modules/@types',
      '/test/unit/x.test.ts',
      '/forge.config.ts',
    ];
    for (const file of shipped) expect(ignore(file), file).toBe(false);
    for (const file of left) expect(ignore(file), file).toBe(true);
  });

  it("keeps the target's binaries and drops other platforms' and architectures'", () => {
    const buildPath = mkdtempSync(path.join(os.tmpdir(), 'folio-prune-'));
    const packages = [
      '@node-llama-cpp/linux-x64',
      '@node-llama-cpp/linux-x64-cuda',
      '@node-llama-cpp/linux-x64-vulkan',
      '@node-llama-cpp/linux-arm64',
      '@node-llama-cpp/linux-armv7l',
      '@node-llama-cpp/mac-arm64-metal',
      '@node-llama-cpp/mac-x64',
      '@node-llama-cpp/win-x64',
      '@node-llama-cpp/win-x64-cuda',
      '@fugood/llama.node',
      '@fugood/node-llama-linux-x64',
      '@fugood/node-llama-linux-x64-vulkan',
      '@fugood/node-llama-linux-arm64',
      '@fugood/node-llama-darwin-arm64',
      '@fugood/node-llama-win32-x64',
      '@fugood/node-llama-wasm',
      '@img/colour',
      '@img/sharp-linux-x64',
      '@img/sharp-libvips-linux-x64',
      '@img/sharp-linuxmusl-x64',
      '@img/sharp-darwin-arm64',
      '@img/sharp-win32-x64',
      '@img/sharp-wasm32',
      'node-llama-cpp',
      'sharp',
    ];
    for (const name of packages) fakeModule(buildPath, name);

    const removed = pruneForeignBinaries(buildPath, 'linux', 'x64');
    const left = (scope: string) => readdirSync(path.join(buildPath, 'node_modules', scope)).sort();
    expect(left('@node-llama-cpp')).toEqual(['linux-x64', 'linux-x64-cuda', 'linux-x64-vulkan']);
    expect(left('@fugood')).toEqual(['llama.node', 'node-llama-linux-x64', 'node-llama-linux-x64-vulkan', 'node-llama-wasm']);
    expect(left('@img')).toEqual(['colour', 'sharp-libvips-linux-x64', 'sharp-linux-x64', 'sharp-linuxmusl-x64', 'sharp-wasm32']);
    expect(readdirSync(path.join(buildPath, 'node_modules')).sort()).toEqual([
      '@fugood',
      '@img',
      '@node-llama-cpp',
      'node-llama-cpp',
      'sharp',
    ]);
    expect(removed).toContain('@node-llama-cpp/win-x64-cuda');
    expect(removed).toContain('@node-llama-cpp/mac-arm64-metal');
    expect(removed).toContain('@fugood/node-llama-darwin-arm64');
  });

  it('names targets the way each binary family does', () => {
    expect(isForTarget('win-x64-cuda', 'win32', 'x64')).toBe(true);
    expect(isForTarget('mac-arm64-metal', 'darwin', 'arm64')).toBe(true);
    expect(isForTarget('mac-x64', 'darwin', 'universal')).toBe(true);
    expect(isForTarget('darwin-arm64', 'mas', 'arm64')).toBe(true);
    expect(isForTarget('linux-armv7l', 'linux', 'armv7l')).toBe(true);
    expect(isForTarget('linux-arm', 'linux', 'armv7l')).toBe(true);
    expect(isForTarget('linux-x64', 'win32', 'x64')).toBe(false);
    expect(isForTarget('win32-arm64', 'win32', 'x64')).toBe(false);
  });
});
