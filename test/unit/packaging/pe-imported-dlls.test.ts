import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { peImportedDlls } from '../../../packaging/pe-imported-dlls';

// Real Windows binaries that npm installs here (electron-winstaller's vendor folder, for the NSIS maker's tools).
const VENDOR = path.join(path.dirname(createRequire(import.meta.url).resolve('electron-winstaller/package.json')), 'vendor');
const SAMPLES = ['Setup.exe', '7z-x64.dll', 'rcedit.exe'].map((name) => path.join(VENDOR, name)).filter((file) => existsSync(file));
const runs = (tool: string) => spawnSync(tool, ['--version']).status === 0;

/** GNU objdump's reading of the import table (binutils, there wherever g++ is), as the reference. */
function objdumpImports(file: string): string[] {
  const out = spawnSync('objdump', ['-p', file], { encoding: 'utf8' }).stdout;
  return [...out.matchAll(/DLL Name: (\S+)/g)].map((match) => match[1] ?? '');
}

/** LLVM's reading of the import and delay-import tables (objdump leaves the second out). */
function llvmImports(file: string): string[] {
  const out = spawnSync('llvm-readobj', ['--coff-imports', file], { encoding: 'utf8' }).stdout;
  return [...out.matchAll(/^(?:Import|DelayImport) \{\n {2}Name: (\S+)/gm)].map((match) => match[1] ?? '');
}

describe('peImportedDlls', () => {
  it.runIf(runs('objdump') && SAMPLES.length === 3)('names the DLLs a Windows program imports, as GNU objdump does', () => {
    for (const file of SAMPLES) {
      const imported = objdumpImports(file);
      expect(imported.length, path.basename(file)).toBeGreaterThan(0);
      expect(peImportedDlls(readFileSync(file)).slice(0, imported.length), path.basename(file)).toEqual(imported);
    }
  });

  it.runIf(runs('llvm-readobj') && SAMPLES.length === 3)('names the delay-loaded DLLs too, as llvm-readobj does', () => {
    for (const file of SAMPLES) expect(peImportedDlls(readFileSync(file)), path.basename(file)).toEqual(llvmImports(file));
    // Setup.exe delay-loads most of what it uses: a reader of the import table alone would miss USER32.dll.
    expect(peImportedDlls(readFileSync(SAMPLES[0] ?? ''))).toContain('USER32.dll');
  });

  it('refuses a file that is not a Windows binary, naming why', () => {
    expect(() => peImportedDlls(Buffer.from('\x7fELF'.padEnd(256, '\0'), 'latin1'))).toThrow(
      /Not a Windows program or library: no MZ header/,
    );
    const truncated = Buffer.alloc(128);
    truncated.write('MZ');
    truncated.writeUInt32LE(64, 0x3c);
    expect(() => peImportedDlls(truncated)).toThrow(/no PE signature/);
  });
});
