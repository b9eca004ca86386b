/**
 * How `folio` answers what a newcomer types (issue 23, CLI minors): `--help` after any command
 * prints that command's usage and options (it was "Unknown option '--help'"), and a mistyped
 * option is named with the closest known one, in one line and exit code 2 (it was Node's
 * parseArgs text about positionals and '--'). A real process, as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FOLIO = path.resolve('bin/folio.js');

function folio(...args: string[]) {
  const run = spawnSync(process.execPath, [FOLIO, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('folio COMMAND --help', () => {
  for (const [command, names] of [
    ['ask', ['folio ask --model', '--probs K', '--full-precision']],
    ['compose', ['folio compose (--outline', '--figures N|auto']],
    ['index', ['folio index DIR', 'folio index --list', '--embedding-model DIR']],
    ['models', ['folio models list', 'folio models pull', '--models-dir DIR']],
    ['export', ['folio export PROJECT.folio', '--recovered']],
    ['import', ['folio import ARTICLE.md', '-o PROJECT.folio']],
    ['convert', ['folio convert CHECKPOINT_DIR', '--type T', "q4_k_m\n                      (about a third, by llama.cpp's quantizer)"]],
    ['eval', ['folio eval BENCHMARK.tsv', 'folio eval report', '--circular']],
  ] as const) {
    it(`prints ${command}'s usage and options, and only those`, () => {
      const run = folio(command, '--help');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^Usage:\n/);
      for (const name of names) expect(run.stdout).toContain(name);
      const otherCommands = run.stdout.match(/^ {2}folio (\w+)/gm)?.map((line) => line.trim().split(' ')[1]);
      expect(new Set(otherCommands)).toEqual(new Set([command]));
    });
  }

  it('takes -h after options too', () => {
    const run = folio('export', 'x.folio', '-h');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('folio export PROJECT.folio');
  });
});

describe('a mistyped option', () => {
  for (const [args, typed, meant] of [
    [['ask', '--modle', 'x.gguf', 'hello'], '--modle', '--model'],
    [['compose', '--outlin', 'x.md'], '--outlin', '--outline'],
    [['models', 'list', '--jsn'], '--jsn', '--json'],
    [['convert', 'ckpt', '--typ', 'q8_0'], '--typ', '--type'],
  ] as const) {
    it(`${typed}: names it and suggests ${meant}`, () => {
      const run = folio(...args);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`unknown option ${typed}. Did you mean ${meant}?`);
      expect(run.stderr).not.toMatch(/positional argument/);
    });
  }

  it('suggests nothing when nothing is close', () => {
    const run = folio('export', 'x.folio', '--zebra');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --zebra. Run "folio --help" for the options.');
  });
});
