import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const WORKFLOW = readFileSync(new URL('../../../.github/workflows/release.yml', import.meta.url), 'utf8');
const SCRIPTS = Object.keys(
  (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts,
);

describe('the release workflow', () => {
  it('packages for Linux x64, Windows x64 and macOS arm64 runners', () => {
    expect(WORKFLOW).toMatch(/name: linux-x64, runner: ubuntu-/);
    expect(WORKFLOW).toMatch(/name: windows-x64, runner: windows-/);
    // GitHub's macos-14 and later runners are Apple silicon.
    expect(WORKFLOW).toMatch(/name: macos-arm64, runner: macos-1[4-9]/);
  });

  it('runs only npm scripts that exist, and tests and files that exist', () => {
    const scripts = [...WORKFLOW.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
    expect(scripts.length).toBeGreaterThan(3);
    for (const script of scripts) expect(SCRIPTS).toContain(script);
    for (const [, file] of WORKFLOW.matchAll(/vitest run (\S+)/g))
      expect(() => readFileSync(new URL(`../../../${file}`, import.meta.url))).not.toThrow();
  });

  it('builds the fallback from source and runs the contract suite on it', () => {
    expect(WORKFLOW).toContain('npm run build:llama-server -- --from-source');
    expect(WORKFLOW).toMatch(/FOLIO_LLAMA_SERVER_BIN=[\s\S]*engine-llama-server\.test\.ts/);
  });
});
