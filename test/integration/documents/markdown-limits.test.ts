/**
 * Issue 24, cause 2: Markdown a writer imports is read on a worker thread with limits, and input
 * deeper or larger than a writer's documents is refused naming the limit. On the server's main
 * thread 50,000 nested list levels in 100 KB froze every client for 900 s, 50,000 nested quotes
 * overflowed the stack, and a 3,000-level indented list or 50,000 emphasis markers ran past 60 s.
 * Through the CLI (one line, exit 2) and through a server in its own process, imported and pasted
 * (readMarkdown), while another client keeps asking it for the editor; afterwards an ordinary
 * file still imports and an ordinary paste still reads.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStudio, watchAnswers, type ServedStudio } from '../../helpers/served-studio';
import { StudioCallError } from '../../helpers/studio-client';

interface Hostile {
  markdown: () => string;
  code: 'import-too-deep' | 'import-too-large' | 'import-too-slow';
  /** The limit the refusal must name. */
  limit: RegExp;
}

const DEEP = /at most 100\b|deeper than a document holds/;
const HOSTILE: Record<string, Hostile> = {
  '50,000 nested list levels': { markdown: () => `${'- '.repeat(50_000)}x\n`, code: 'import-too-deep', limit: DEEP },
  '50,000 nested quotes': { markdown: () => `${'>'.repeat(50_000)} x\n`, code: 'import-too-deep', limit: DEEP },
  'a 3,000-level indented list': {
    markdown: () => Array.from({ length: 3_000 }, (_, level) => `${'  '.repeat(level)}- x\n`).join(''),
    code: 'import-too-large',
    limit: /the limit is 5 MB/,
  },
  '50,000 emphasis markers': { markdown: () => `${'a*'.repeat(50_000)}\n`, code: 'import-too-slow', limit: /10 s/ },
  // Our own, beside the probe's:
  '30,000 nested numbered lists': { markdown: () => `${'1. '.repeat(30_000)}x\n`, code: 'import-too-deep', limit: DEEP },
  'quotes and lists alternating 20,000 deep': { markdown: () => `${'> - '.repeat(20_000)}x\n`, code: 'import-too-deep', limit: DEEP },
  'a 1,000-level indented list in 1 MB': {
    markdown: () => Array.from({ length: 1_000 }, (_, level) => `${'  '.repeat(level)}- x\n`).join(''),
    code: 'import-too-deep',
    limit: DEEP,
  },
  '40 nested lists, under the first check': { markdown: () => `${'- '.repeat(40)}x\n`, code: 'import-too-deep', limit: DEEP },
  '6 MB of one paragraph': { markdown: () => `${'word '.repeat(1_200_000)}\n`, code: 'import-too-large', limit: /the limit is 5 MB/ },
  // Past the file reader's cap too (it refused this as import-unreadable: markdown-fuzz, FOLIO_FUZZ_SEED=774988).
  '12 MB of paragraphs': {
    markdown: () => 'word '.repeat(20).concat('\n\n').repeat(120_000),
    code: 'import-too-large',
    limit: /the limit is 5 MB/,
  },
  '100,000 emphasis markers in words': { markdown: () => `${'b_c*'.repeat(25_000)}*\n`, code: 'import-too-slow', limit: /10 s/ },
};
const ORDINARY = '# Harbour towns\n\nThe tide is **high**.\n\n- nets\n  - knots\n- ropes\n\n> The sea keeps its own hours.\n';

let dir = '';
const fileFor = (name: string): string => path.join(dir, `${name.replace(/\W+/g, '-')}.md`);
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-markdown-limits-'));
  for (const [name, hostile] of Object.entries(HOSTILE)) writeFileSync(fileFor(name), hostile.markdown());
  writeFileSync(fileFor('ordinary'), ORDINARY);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('folio import of Markdown past the limits', () => {
  it.each(Object.keys(HOSTILE))(
    'refuses %s in one line naming the limit, exit 2',
    (name) => {
      const hostile = HOSTILE[name] as Hostile;
      const started = Date.now();
      const run = spawnSync(
        process.execPath,
        [path.resolve('bin/folio.js'), 'import', fileFor(name), '-o', fileFor(name).replace(/\.md$/, '.folio')],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect(run.signal, `still running after ${Date.now() - started} ms`).toBeNull();
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(hostile.limit);
    },
    90_000,
  );
});

describe('the server importing Markdown past the limits', () => {
  let served: ServedStudio;
  beforeAll(async () => {
    served = await serveStudio();
    await served.studio.call('openWorkspace');
  }, 60_000);
  afterAll(() => served?.close());

  /** What the server answered within 60 s: the value, or the typed error. */
  const outcomeOf = (call: Promise<unknown>): Promise<unknown> =>
    Promise.race([
      call.then(
        () => 'read',
        (error: unknown) => (error instanceof StudioCallError ? error.payload : error),
      ),
      new Promise((resolve) => setTimeout(() => resolve('no answer in 60 s'), 60_000)),
    ]);

  it('refuses each, imported or pasted, with its typed error while another client keeps getting answers; then reads an ordinary one', async () => {
    const watch = watchAnswers(served.baseUrl);
    const refusals: string[] = [];
    for (const [name, hostile] of Object.entries(HOSTILE)) {
      const refused = { code: hostile.code, message: expect.stringMatching(hostile.limit) };
      const imported = await outcomeOf(served.studio.call('importArticle', { path: fileFor(name) }));
      expect(imported, `import: ${name}`).toMatchObject(refused);
      refusals.push((imported as { message: string }).message);
      // Paste reads with Import's reader (readMarkdown takes at most 2,000,000 characters).
      const markdown = hostile.markdown();
      if (markdown.length > 2_000_000) continue;
      expect(await outcomeOf(served.studio.call('readMarkdown', { markdown })), `paste: ${name}`).toMatchObject(refused);
    }
    const { longestMs, answered } = await watch.stop();
    // Refusing never stopped the server: every GET / in the meantime answered promptly.
    expect(longestMs, refusals.join('\n')).toBeLessThan(5_000);
    // At least one answer came while the refusals ran (they take under a second where each is refused unread, so no count
    // that depends on the machine's speed).
    expect(answered).toBeGreaterThan(0);
    const workspace = await served.studio.call('importArticle', { path: fileFor('ordinary') });
    const ordinary = ['heading', 'paragraph', 'bulletList', 'blockquote'];
    expect(workspace.document.content.map((node) => node.type)).toEqual(ordinary);
    const pasted = await served.studio.call('readMarkdown', { markdown: ORDINARY });
    expect(pasted.document.content.map((node) => node.type)).toEqual(ordinary);
  }, 900_000);
});
