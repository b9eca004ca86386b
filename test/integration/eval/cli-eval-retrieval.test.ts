/**
 * `folio eval retrieval PAIRS.tsv` as a user runs it, on a generated pairs file (English and
 * Chinese texts, one picture that cannot be read) with the tiny CLIP through onnxruntime; the
 * recall it prints is recomputed here by hand: every picture and text embedded, every cosine
 * taken, the rank of each text's own picture counted. The caption-based search beside it: with
 * captions known in advance (each picture's own subject) its recall follows from the words alone;
 * through the CLI, the tiny vision-language model captions every picture on the real engine.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PictureEmbedder } from '../../../electron/studio/library/picture-embedder';
import { evaluateRetrieval } from '../../../electron/studio/eval/evaluate-retrieval';
import { readRetrievalPairs } from '../../../electron/studio/eval/retrieval-pairs';
import { truncatedJpeg, writePictureFolder } from '../../fixtures/images';
import { TINY_CLIP, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';

const SUBJECTS = [
  'boats in the harbour',
  'a market stall',
  'nets on the quay',
  'a lighthouse',
  'gulls at dawn',
  'a fisherman',
  'the old town',
  'a ferry',
];
const CHINESE = ['港口的船', '市场的摊位', '码头上的渔网', '灯塔', '黎明的海鸥', '渔夫', '老城', '渡轮'];

let dir: string;
let pairsFile: string;
let pictures: string[];
let embedder: PictureEmbedder;
const rows: Array<{ picture: string; text: string; language: string }> = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-eval-retrieval-'));
  pictures = await writePictureFolder(path.join(dir, 'pictures'), SUBJECTS.length);
  writeFileSync(path.join(dir, 'pictures', 'broken.jpg'), await truncatedJpeg());
  pictures.forEach((picture, index) => {
    rows.push({ picture, text: SUBJECTS[index] as string, language: 'en' });
    rows.push({ picture, text: `a photo of ${SUBJECTS[(index + 3) % SUBJECTS.length]}`, language: 'en' });
    rows.push({ picture, text: CHINESE[index] as string, language: 'zh' });
  });
  const lines = [
    'image\ttext\tlanguage',
    // Relative to the file, and one row in Chinese without its language: guessed from the script.
    ...rows.map((row, index) => `${path.relative(dir, row.picture)}\t${row.text}\t${index === 2 ? '' : row.language}`),
    `pictures/broken.jpg\ta broken picture\ten`,
  ];
  pairsFile = path.join(dir, 'pairs.tsv');
  writeFileSync(pairsFile, `${lines.join('\n')}\n`);
  embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
});
afterAll(() => embedder.close());

/** Recall@1/5/10 by hand: the rank of each text's picture among all cosines. */
async function recallByHand(subset: typeof rows): Promise<string[]> {
  const batch = await embedder.embedFiles(pictures);
  const vectors = batch.outcomes.map((outcome) => (outcome.ok ? outcome.vector : new Float32Array()));
  const ranks: number[] = [];
  for (const row of subset) {
    const [text] = await embedder.embedTexts([row.text]);
    const cosines = vectors.map((vector) => vector.reduce((sum, value, index) => sum + value * (text as Float32Array)[index]!, 0));
    const own = cosines[pictures.indexOf(row.picture)] as number;
    ranks.push(1 + cosines.filter((cosine) => cosine > own).length);
  }
  return [1, 5, 10].map((k) => `${((100 * ranks.filter((rank) => rank <= k).length) / ranks.length).toFixed(1)}%`);
}

describe('folio eval retrieval', () => {
  it('prints recall@1/5/10 overall and per language, as recomputed by hand, and names the picture it could not read', async () => {
    const run = spawnSync(
      process.execPath,
      [path.resolve('bin/folio.js'), 'eval', 'retrieval', pairsFile, '--embedding-model', TINY_CLIP, '--threads', '1'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    const table = (language: string) =>
      run.stdout.match(new RegExp(`^${language}\\s+(\\d+)\\s+(\\S+%)\\s+(\\S+%)\\s+(\\S+%)$`, 'm'))?.slice(1);
    expect(run.stdout).toContain(`Retrieval: pairs.tsv, ${SUBJECTS.length} pictures, ${rows.length} pairs; model tiny CLIP`);
    expect(table('all')).toEqual([String(rows.length), ...(await recallByHand(rows))]);
    const english = rows.filter((row) => row.language === 'en');
    const chinese = rows.filter((row) => row.language === 'zh');
    expect(table('en')).toEqual([String(english.length), ...(await recallByHand(english))]);
    expect(table('zh')).toEqual([String(chinese.length), ...(await recallByHand(chinese))]);
    expect(run.stdout).toMatch(/^cosine to its own picture\s+p10 -?\d\.\d{3}\s+p50 -?\d\.\d{3}\s+p90 -?\d\.\d{3}$/m);
    expect(run.stdout).toMatch(/row \d+: left out, The picture is damaged or incomplete/);
  });

  it('measures the search by words over captions on the same pairs, as worked out from the words', async () => {
    // Each picture captioned with its own subject: the subjects share no word once fillers go.
    const subjectOf = new Map(
      pictures.map((picture, index) => [createHash('sha256').update(readFileSync(picture)).digest('hex'), SUBJECTS[index] as string]),
    );
    const report = await evaluateRetrieval(await readRetrievalPairs(pairsFile), embedder, mkdtempSync(path.join(dir, 'scratch-')), {
      describer: { caption: async (image) => subjectOf.get(image.sha256) ?? '' },
    });
    // English: the subject itself finds its picture first (8 of 16); "a photo of" another subject finds that other one.
    // Chinese: no English caption shares a word with it (no phrase model given).
    expect(report.captions).toEqual({
      captioned: SUBJECTS.length,
      overall: { language: 'all', pairs: 24, at1: 8 / 24, at5: 8 / 24, at10: 8 / 24 },
      byLanguage: [
        { language: 'en', pairs: 16, at1: 0.5, at5: 0.5, at10: 0.5 },
        { language: 'zh', pairs: 8, at1: 0, at5: 0, at10: 0 },
      ],
    });
  });

  it('with a vision-language model, prints the caption-based recall beside the embedding one', async () => {
    const args = ['--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '--engine', 'llama-node', '--threads', '1', '--context', '2048'];
    const run = spawnSync(
      process.execPath,
      [path.resolve('bin/folio.js'), 'eval', 'retrieval', pairsFile, '--embedding-model', TINY_CLIP, ...args],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^all\s+24\s/m);
    expect(run.stdout).toMatch(/^captions: words over captions written by the language model \((\d) of 8 pictures captioned\)$/m);
    expect(run.stdout).toMatch(/^captions: all\s+24\s+\d+\.\d%\s+\d+\.\d%\s+\d+\.\d%$/m);
    expect(run.stdout).toMatch(/^captions: zh\s+8\s/m);
  });

  it('refuses a file without the columns it needs, with one line and exit code 2', () => {
    const bad = path.join(dir, 'bad.tsv');
    writeFileSync(bad, 'picture_url\tsentence\nx.jpg\tboats\n');
    const run = spawnSync(process.execPath, [path.resolve('bin/folio.js'), 'eval', 'retrieval', bad, '--embedding-model', TINY_CLIP], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/needs a header with an "image" and a "text" column/);
  });
});
