/**
 * Compose in a context that holds little more than the write step's own prompt (issue 23, minor:
 * at 512 tokens a compose failed with "needs 527 tokens", wrote nothing and named no step). The
 * write step asks for less room before giving up, so some text is written and kept; where even
 * the prompt alone does not fit, the message names the step. Through the CLI and the real engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

const OUTLINE = '# Harbour towns\n## Boats\n## Markets\n## Fish\n';
let dir: string;
let outline: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-tiny-context-'));
  outline = path.join(dir, 'outline.md');
  writeFileSync(outline, OUTLINE);
});

function compose(context: number, out: string) {
  return spawnSync(
    process.execPath,
    [
      path.resolve('bin/folio.js'),
      'compose',
      '--outline',
      outline,
      '--seed',
      '1',
      '--model',
      TINY_DECODER,
      '--mmproj',
      TINY_PROJECTOR,
      '--threads',
      '1',
      '--context',
      String(context),
      '-o',
      out,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
}

describe('compose in a context barely larger than its prompt', () => {
  it('writes what fits and keeps it (the write prompt takes ~390 of 430 tokens: 64 more did not fit)', () => {
    const out = path.join(dir, 'short.md');
    const run = compose(430, out);
    expect(run.stderr).not.toMatch(/too long/);
    // 0: written; 1: writing stopped part way, what was written kept.
    expect([0, 1]).toContain(run.status);
    const markdown = readFileSync(out, 'utf8');
    for (const heading of ['Boats', 'Markets', 'Fish']) expect(markdown).toContain(`## ${heading}`);
  });

  it('names the step when not even the prompt fits', () => {
    const run = compose(256, path.join(dir, 'none.md'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^folio: Writing the article could not start: This request is too long for the model/m);
  });
});
