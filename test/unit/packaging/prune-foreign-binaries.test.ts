import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IN_PACKAGE_BINARY_FOLDERS, pruneForeignBinaries } from '../../../packaging/prune-foreign-binaries';

const require = createRequire(import.meta.url);
const onnxruntimeDir = path.dirname(require.resolve('onnxruntime-node/package.json'));
const binaryFolder = IN_PACKAGE_BINARY_FOLDERS.find(({ packageName }) => packageName === 'onnxruntime-node')?.folder ?? '';

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(prefix, entry.name);
    return entry.isDirectory() ? filesUnder(dir, relative) : [relative];
  });
}

/** A build folder holding the installed onnxruntime-node's binary folder, file names only. */
function buildWithInstalledLayout(): string {
  const buildPath = mkdtempSync(path.join(os.tmpdir(), 'folio-prune-ort-'));
  const source = path.join(onnxruntimeDir, binaryFolder);
  for (const file of filesUnder(source)) {
    const target = path.join(buildPath, 'node_modules', 'onnxruntime-node', binaryFolder, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, '');
  }
  writeFileSync(path.join(buildPath, 'node_modules', 'onnxruntime-node', 'package.json'), '{}');
  return buildPath;
}

const platformsLeft = (buildPath: string) => {
  const binaries = path.join(buildPath, 'node_modules', 'onnxruntime-node', binaryFolder);
  return readdirSync(binaries).flatMap((platform) => readdirSync(path.join(binaries, platform)).map((arch) => `${platform}/${arch}`));
};

describe("onnxruntime-node's binaries for other platforms", () => {
  it('are where the installed package loads its binding from', () => {
    const loader = readFileSync(path.join(onnxruntimeDir, 'dist', 'binding.js'), 'utf8');
    expect(loader).toContain(`../${binaryFolder}/\${process.platform}/\${process.arch}/onnxruntime_binding.node`);
    const installed = filesUnder(path.join(onnxruntimeDir, binaryFolder));
    expect(installed).toContain(path.join(process.platform, process.arch, 'onnxruntime_binding.node'));
  });

  it('leave a Linux x64 build, about 220 MB of them, and the binding it loads stays', () => {
    const buildPath = buildWithInstalledLayout();
    const removed = pruneForeignBinaries(buildPath, 'linux', 'x64');
    expect(platformsLeft(buildPath)).toEqual(['linux/x64']);
    expect(filesUnder(path.join(buildPath, 'node_modules', 'onnxruntime-node', binaryFolder, 'linux', 'x64'))).toContain(
      'onnxruntime_binding.node',
    );
    expect(removed).toEqual([
      'onnxruntime-node/bin/napi-v6/darwin',
      'onnxruntime-node/bin/napi-v6/linux/arm64',
      'onnxruntime-node/bin/napi-v6/win32',
    ]);
    const removedBytes = removed
      .flatMap((folder) => {
        const installed = path.join(onnxruntimeDir, '..', folder);
        return filesUnder(installed).map((file) => statSync(path.join(installed, file)).size);
      })
      .reduce((sum, size) => sum + size, 0);
    expect(removedBytes / 1e6).toBeGreaterThan(200);
  });

  it('keep the target of a Windows or a universal macOS build', () => {
    const windows = buildWithInstalledLayout();
    pruneForeignBinaries(windows, 'win32', 'x64');
    expect(platformsLeft(windows)).toEqual(['win32/x64']);
    const mac = buildWithInstalledLayout();
    pruneForeignBinaries(mac, 'darwin', 'universal');
    expect(platformsLeft(mac)).toEqual(['darwin/arm64']);
    const macAppStore = buildWithInstalledLayout();
    pruneForeignBinaries(macAppStore, 'mas', 'arm64');
    expect(platformsLeft(macAppStore)).toEqual(['darwin/arm64']);
  });
});
