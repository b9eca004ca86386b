/**
 * Issue 24's fuzzing of Markdown through import and paste (depth and size): seeded random
 * Markdown, from a writer's ordinary blocks to nesting tens of thousands deep, emphasis runs and
 * files past the size limit, through a server in its own process, imported (importArticle) and
 * pasted (readMarkdown). Each is read or refused with a typed error naming its limit, the server
 * never stops answering another client, and it never ends. FOLIO_FUZZ_SEED replays a run;
 * about 45 s of cases.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seededRandom, type Random } from '../../helpers/seeded-random';
import { serveStudio, watchAnswers, type ServedStudio } from '../../helpers/served-studio';
import { StudioCallError } from '../../helpers/studio-client';

const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Date.now() % 1_000_000);
const BUDGET_MS = 45_000;
const REFUSALS = new Set(['import-too-large', 'import-too-deep', 'import-too-slow']);
const dir = mkdtempSync(path.join(os.tmpdir(), 'folio-markdown-fuzz-'));
let served: ServedStudio;
beforeAll(async () => {
  served = await serveStudio();
  await served.studio.call('openWorkspace');
}, 60_000);
afterAll(() => {
  served?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A count that is usually small and now and then huge: depth and size are what is fuzzed. */
const count = (random: Random): number => (random.chance(0.7) ? 1 + random.int(12) : 10 ** (2 + random.int(4)) + random.int(1000));

const BLOCKS: Array<(random: Random) => string> = [
  (random) => `${'#'.repeat(1 + random.int(7))} Heading ${random.int(100)}\n\n`,
  (random) => `Words with **bold**, *italic* and [a link](https://example.org/${random.int(100)}).\n\n`,
  (random) => `${random.pick(['- ', '* ', '+ ', '1. ', '> ', '>', '10) '])}`.repeat(count(random)) + 'x\n\n',
  (random) => Array.from({ length: Math.min(count(random), 3_000) }, (_, level) => `${'  '.repeat(level)}- x\n`).join('') + '\n',
  (random) => `${random.pick(['a*', '_b', '**', '[', '`', '<', '![', '\\', '*a_', '~'])}`.repeat(count(random)) + '\n\n',
  (random) => `${'word '.repeat(count(random) * 10)}\n\n`,
  (random) => '```\n' + '    indented code\n'.repeat(Math.min(count(random), 5_000)) + '```\n\n',
  (random) => `| a | b |\n|---|---|\n${'| 1 | 2 |\n'.repeat(Math.min(count(random), 5_000))}\n`,
];

function markdownFor(random: Random): string {
  const blocks = Array.from({ length: 1 + random.int(6) }, () => random.pick(BLOCKS)(random));
  let text = blocks.join('');
  // Now and then past the size limit (5 MB) by repetition.
  if (random.chance(0.1)) text = text.repeat(Math.ceil((6 * 1024 * 1024) / Math.max(text.length, 1)));
  return text;
}

/** 'read', or the typed refusal's code; anything else (no answer in 60 s, another error) fails. */
async function outcomeOf(call: Promise<unknown>): Promise<string> {
  const outcome = await Promise.race([
    call.then(
      () => 'read',
      (error: unknown) => (error instanceof StudioCallError ? error.payload.code : `unexpected: ${String(error)}`),
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve('no answer in 60 s'), 60_000)),
  ]);
  return outcome;
}

it(`reads or refuses every Markdown, imported and pasted, and keeps answering (FOLIO_FUZZ_SEED=${seed})`, async () => {
  console.log(`markdown-fuzz: FOLIO_FUZZ_SEED=${seed}`);
  const random = seededRandom(seed);
  const watch = watchAnswers(served.baseUrl);
  const seen: Record<string, number> = {};
  const started = Date.now();
  for (let index = 0; Date.now() - started < BUDGET_MS || index < 5; index++) {
    const markdown = markdownFor(random);
    const file = path.join(dir, `case-${index}.md`);
    writeFileSync(file, markdown);
    const outcomes = [await outcomeOf(served.studio.call('importArticle', { path: file }))];
    // readMarkdown takes at most 2,000,000 characters (its schema refuses more).
    if (markdown.length <= 2_000_000) outcomes.push(await outcomeOf(served.studio.call('readMarkdown', { markdown })));
    for (const outcome of outcomes) {
      expect(outcome === 'read' || REFUSALS.has(outcome), `case ${index} (${markdown.length} characters): ${outcome}`).toBe(true);
      seen[outcome] = (seen[outcome] ?? 0) + 1;
    }
  }
  const { longestMs } = await watch.stop();
  console.log(`markdown-fuzz: ${JSON.stringify(seen)}, GET / waited at most ${longestMs} ms`);
  expect(longestMs).toBeLessThan(5_000);
}, 300_000);
