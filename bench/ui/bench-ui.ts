/// <reference lib="dom" />
/**
 * npm run bench:ui [-- --tokens 4000 --words 20000 --figures 50 --rounds 3]
 *
 * In Chromium against the headless studio (no model needed): streams a 4,000-token article
 * into the editor the way compose does (coalesced to one transaction per animation frame, one
 * token every --interval-ms, 4 by default: 250 tokens/s, faster than any local model) and
 * prints main-thread time per token and the frame times while streaming; then opens a
 * 20,000-word document with 50 figures (real pictures in the project) and prints the time
 * until it and every figure is drawn. Targets: p95 frame < 32 ms, open < 1 s.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import type { ArticleDocument, BlockNode } from '../../electron/contract/studio-api';
import { startStudioServer } from '../../electron/server/studio-server';
import { StudioService } from '../../electron/studio/service/studio-service';
import { CHROMIUM_ARGS, chromiumPath } from '../fixtures/headless-chromium';
import { colourPicture } from '../fixtures/colour-picture';

const { values } = parseArgs({
  options: {
    'interval-ms': { type: 'string', default: '4' },
    tokens: { type: 'string', default: '4000' },
    words: { type: 'string', default: '20000' },
    figures: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
  },
});
const TOKENS = Number(values.tokens);
const WORDS = Number(values.words);
const FIGURES = Number(values.figures);
const ROUNDS = Number(values.rounds);
/** 4 ms between tokens is 250 tokens/s: faster than any local model, so every frame has work. */
const INTERVAL_MS = Number(values['interval-ms']);

const WORDS_POOL =
  'the harbour at dawn holds boats nets gulls and salt light on water while fishermen mend ropes and tell old stories of storms tides and long winters'.split(
    ' ',
  );
const word = (i: number): string => WORDS_POOL[(i * 7 + 3) % WORDS_POOL.length] as string;

/** Tokens like a model's: words with a leading space, a paragraph break every ~120 tokens. */
function articleTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i % 120 === 119 ? '.\n\n' : ` ${word(i)}`));
}

function bigDocument(words: number, figureIds: string[]): ArticleDocument {
  const content: BlockNode[] = [{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'A long article' }] }];
  const paragraphs = Math.ceil(words / 100);
  const every = Math.max(1, Math.floor(paragraphs / figureIds.length));
  let figure = 0;
  for (let p = 0; p < paragraphs; p++) {
    if (p % 20 === 0) content.push({ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Part ${p / 20 + 1}` }] });
    const text = Array.from({ length: 100 }, (_, i) => word(p * 100 + i)).join(' ');
    content.push({ type: 'paragraph', content: [{ type: 'text', text: `${text[0]?.toUpperCase()}${text.slice(1)}.` }] });
    if (p % every === every - 1 && figure < figureIds.length) {
      const assetId = figureIds[figure++] as string;
      content.push({
        type: 'figure',
        attrs: {
          assetId,
          caption: `Figure ${figure}: boats in the harbour`,
          alt: 'Boats in a harbour',
          provenance: 'pasted',
          slotTitle: 'Boats',
          candidates: [assetId],
          chosen: 0,
          emptyReason: null,
        },
      });
    }
  }
  return { type: 'doc', attrs: { schemaVersion: 1 }, content };
}

interface BenchWindow {
  folioBench: {
    streamTokens(
      tokens: readonly string[],
      options: { intervalMs: number },
    ): Promise<{ msPerToken: number; frameTimes: number[]; transactions: number }>;
    openDocument(document: unknown): Promise<{ drawnMs: number; picturesMs: number }>;
  };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const median = (values: number[]): number => percentile(values, 50);

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-ui-'));
const service = await StudioService.create({ dataDir, shell: 'browser', loadConfiguredModel: false });
const server = await startStudioServer({ service });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const figureIds: string[] = [];
  for (let i = 0; i < FIGURES; i++) {
    const picture = await colourPicture(i, 'jpeg', 800, 600);
    const imported = (await service.handle('importImage', { fileName: `bench-${i}.jpg`, dataBase64: picture.toString('base64') })) as {
      assetId: string;
    };
    figureIds.push(imported.assetId);
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(server.url.replace('/#', '/?bench=1#'));
  await page.waitForFunction(() => 'folioBench' in window, undefined, { timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async (): Promise<number> =>
    (await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0;

  const tokens = articleTokens(TOKENS);
  const stream = {
    msPerToken: [] as number[],
    mainThreadMsPerToken: [] as number[],
    p95: [] as number[],
    max: [] as number[],
    transactions: [] as number[],
  };
  const open: number[] = [];
  const pictures: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await page.evaluate(() =>
      (window as unknown as BenchWindow).folioBench.openDocument({
        type: 'doc',
        attrs: { schemaVersion: 1 },
        content: [{ type: 'paragraph' }],
      }),
    );
    const before = await taskSeconds();
    const result = await page.evaluate(
      ([list, intervalMs]) => (window as unknown as BenchWindow).folioBench.streamTokens(list, { intervalMs }),
      [tokens, INTERVAL_MS] as const,
    );
    const busy = (await taskSeconds()) - before;
    stream.msPerToken.push(result.msPerToken);
    stream.mainThreadMsPerToken.push((busy * 1000) / TOKENS);
    stream.p95.push(percentile(result.frameTimes, 95));
    stream.max.push(Math.max(...result.frameTimes));
    stream.transactions.push(result.transactions);

    const document = bigDocument(WORDS, figureIds);
    const opened = await page.evaluate((doc) => (window as unknown as BenchWindow).folioBench.openDocument(doc), document as unknown);
    open.push(opened.drawnMs);
    pictures.push(opened.picturesMs);
  }
  const fixed = (value: number, digits = 2): string => value.toFixed(digits);
  process.stdout.write(`Chromium ${browser.version()}, ${os.cpus().length} cores, ${ROUNDS} rounds (medians)\n`);
  process.stdout.write(`stream ${TOKENS} tokens, one every ${INTERVAL_MS} ms (${fixed(1000 / INTERVAL_MS, 0)} tokens/s asked):\n`);
  process.stdout.write(
    `  main-thread time per token: ${fixed(median(stream.mainThreadMsPerToken), 3)} ms   wall time per token: ${fixed(median(stream.msPerToken), 3)} ms\n`,
  );
  process.stdout.write(
    `  frame time p95: ${fixed(median(stream.p95), 1)} ms (target < 32)   worst frame: ${fixed(median(stream.max), 1)} ms   transactions: ${median(stream.transactions)} for ${TOKENS} tokens\n`,
  );
  process.stdout.write(
    `open a ${WORDS}-word document with ${FIGURES} figures: drawn in ${fixed(median(open), 0)} ms (target < 1000; rounds ${open.map((ms) => fixed(ms, 0)).join(', ')}), pictures in view decoded in ${fixed(median(pictures), 0)} ms\n`,
  );
} finally {
  await browser.close();
  await server.close();
  await service.close();
}
