/**
 * Compose against the real image library, as the reference retrieves: a generated 20-picture
 * folder embedded by the tiny CLIP through onnxruntime (SQLite beside it), each slot title
 * embedded by its text tower and the nearest pictures offered, then the tiny vision-language
 * model on the real engine chooses among them while seeing them; and `folio compose` as a user
 * runs it, writing the studio's Markdown with the pictures beside it, which imports back.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import { draftToDocument } from '../../../electron/studio/compose/draft-to-document';
import { libraryCandidates } from '../../../electron/studio/compose/library-candidates';
import type { FigureNode } from '../../../electron/studio/documents/article-document';
import { ImageLibrary, PictureEmbedder, indexFolder } from '../../../electron/studio/library';
import { fullTextQuery } from '../../../electron/studio/library/full-text-query';
import type { CandidateSource } from '../../../electron/studio/compose/compose-types';
import { importArticleFile } from '../../../electron/studio/documents/import-article';
import { openProject } from '../../../electron/studio/documents/open-project';
import { createProject } from '../../../electron/studio/documents/save-project';
import { type ModelSession } from '../../../electron/studio/model/model-session';
import { truncatedJpeg, writePictureFolder } from '../../fixtures/images';
import { markdownImages } from '../../helpers/markdown-images';
import { TINY_CLIP, TINY_DECODER, TINY_PROJECTOR } from '../../helpers/fixture-paths';
import { openTinySession } from '../../helpers/tiny-session';

const OUTLINE = '# Harbour towns\n## Boats\n## Markets\n';
let session: ModelSession;
let dir: string;
let folder: string;
let library: ImageLibrary;
let embedder: PictureEmbedder;
let files: string[];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-compose-library-'));
  folder = path.join(dir, 'pictures');
  files = await writePictureFolder(folder, 20);
  session = await openTinySession();
  embedder = await PictureEmbedder.start(TINY_CLIP, { threads: 1 });
  library = ImageLibrary.open(path.join(dir, 'library.sqlite'));
  const summary = await indexFolder(library, folder, { embedder });
  expect(summary.added).toBe(20);
});
afterAll(async () => {
  await embedder.close();
  library.close();
  await session.close();
});

/** `folio` in a child process, as a writer runs it. */
const folioWith = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  spawnSync(process.execPath, [path.resolve('bin/folio.js'), ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, ...env },
  });
const folio = (...args: string[]) => folioWith({}, ...args);
/** The tiny pair on llama.node, one thread: the same answer on every machine. */
const TINY_MODEL_ARGS = [
  '--model',
  TINY_DECODER,
  '--mmproj',
  TINY_PROJECTOR,
  '--engine',
  'llama-node',
  '--threads',
  '1',
  '--context',
  '2048',
];

describe('compose with the image library', () => {
  it('places figures chosen from the indexed library, none twice, each recording its candidates', async () => {
    const searches: Array<{ query: string; exclude: string[]; found: string[] }> = [];
    const library_ = libraryCandidates(library, embedder);
    const source: CandidateSource = {
      async search(query, options) {
        const found = await library_.search(query, options);
        searches.push({ query, exclude: [...options.exclude], found: found.map((candidate) => candidate.id) });
        return found;
      },
    };
    const steps: string[] = [];
    const outcome = await composeArticle(
      session,
      { outline: OUTLINE, library: source, figures: 3, writeMaxTokens: 300 },
      { seed: 2, onProgress: (progress) => steps.push(progress.step) },
    );
    // The candidates are the pictures nearest each title in the embedding model's space, computed
    // here again from the files (not from the library's stored vectors), where no file name
    // matched a word of the title.
    const batch = await embedder.embedFiles(files);
    const pictures = batch.outcomes.flatMap((picture) => (picture.ok ? [{ sha256: picture.sha256, vector: picture.vector }] : []));
    let checked = 0;
    for (const search of searches) {
      const match = fullTextQuery(search.query);
      if (match && library.textMatches(match, 10, new Set()).length > 0) continue;
      const [title] = await embedder.embedTexts([search.query]);
      const cosine = (vector: Float32Array) => vector.reduce((sum, value, index) => sum + value * (title as Float32Array)[index]!, 0);
      const nearest = pictures
        .filter((picture) => !search.exclude.includes(picture.sha256))
        .sort((a, b) => cosine(b.vector) - cosine(a.vector))
        .map((picture) => picture.sha256);
      expect(search.found).toEqual(nearest.slice(0, search.found.length));
      expect(search.found.length).toBe(Math.min(4, nearest.length));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(1);
    // And the vision-language model chose among them while seeing them.
    expect(steps).toContain('choose');
    const document = draftToDocument(outcome.draft);
    const figures = document.content.filter((node): node is FigureNode => node.type === 'figure');
    expect(figures.length).toBeGreaterThanOrEqual(1);
    const chosen = figures.map((figure) => figure.attrs.assetId);
    expect(new Set(chosen).size).toBe(chosen.length);
    expect(library.imageCount()).toBe(20);
    for (const figure of figures) {
      expect(figure.attrs.candidates.length).toBeGreaterThanOrEqual(1);
      expect(figure.attrs.candidates.length).toBeLessThanOrEqual(4);
      expect(figure.attrs.candidates).toContain(figure.attrs.assetId);
      expect(figure.attrs.slotTitle.length).toBeGreaterThan(0);
    }
  });

  it('`folio compose` writes the studio’s Markdown, pictures beside it, and it imports back with its figures', async () => {
    const outline = path.join(dir, 'outline.md');
    writeFileSync(outline, OUTLINE);
    const out = path.join(dir, 'article', 'article.md');
    // Every progress figure as a line (not one every 10 s): the tiny model writes in seconds.
    const run = folioWith(
      { FOLIO_PROGRESS_SECONDS: '0' },
      'compose',
      '--outline',
      outline,
      '--library',
      folder,
      '--embedding-model',
      TINY_CLIP,
      '--library-db',
      path.join(dir, 'cli-library.sqlite'),
      '--figures',
      '2',
      '--seed',
      '4',
      ...TINY_MODEL_ARGS,
      '-o',
      out,
    );
    expect(run.stderr).toMatch(/paragraphs, \d+ figures/);
    expect(run.status).toBe(0);
    // The writing step's tokens as they come, their pace and the time left for the whole
    // compose, from the engine's speeds in this run; and the time left beside each figure's steps.
    expect(run.stderr).toMatch(/^writing the article: \d+ tokens, [\d.]+ tokens\/s, about [\d.]+ (s|min|h) left$/m);
    expect(run.stderr).toMatch(/^\w[\w ]* figure \d of 2: about [\d.]+ (s|min|h) left$/m);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^# Harbour towns/m);
    expect(markdown).toMatch(/^## Markets/m);
    expect(markdown).not.toContain('<img');
    const images = markdownImages(markdown);
    expect(images.length).toBeGreaterThanOrEqual(1);
    for (const image of images) expect(existsSync(path.join(path.dirname(out), image))).toBe(true);
    const imported = await importArticleFile(await createProject(dir, 'Reimported'), out);
    expect(imported.warnings).toEqual([]);
    const figures = imported.document.content.filter((node): node is FigureNode => node.type === 'figure');
    expect(figures).toHaveLength(images.length);
    for (const figure of figures) expect(figure.attrs.assetId).toMatch(/^[0-9a-f]{64}$/);
  });

  it('`folio compose` leaves no heading of the outline without text, however early the model stops (issue 15)', () => {
    const outline = path.join(dir, 'five-sections.md');
    writeFileSync(outline, '# A day on the coast\n## Morning boats\n## Nets at noon\n## Evening lamps\n## The night tide\n');
    const out = path.join(dir, 'sections', 'article.md');
    const run = folio('compose', '--outline', outline, '--figures', '1', '--seed', '4', ...TINY_MODEL_ARGS, '-o', out);
    expect(run.status).toBe(0);
    const blocks = readFileSync(out, 'utf8')
      .split(/\n\s*\n/)
      .map((block) => block.trim())
      .filter(Boolean);
    const bare = blocks.filter(
      (block, index) => /^#{1,6} /.test(block) && (index === blocks.length - 1 || /^#{1,6} /.test(blocks[index + 1] ?? '')),
    );
    expect(bare).toEqual([]);
  });

  it('`folio compose -o Title.folio` makes a project that opens cleanly and exports', async () => {
    const outline = path.join(dir, 'outline-project.md');
    writeFileSync(outline, OUTLINE);
    const project = path.join(dir, 'projects', 'Harbour towns.folio');
    const run = folio(
      'compose',
      '--outline',
      outline,
      '--library',
      folder,
      '--embedding-model',
      TINY_CLIP,
      '--library-db',
      path.join(dir, 'cli-library.sqlite'),
      '--figures',
      '2',
      '--seed',
      '4',
      ...TINY_MODEL_ARGS,
      '-o',
      project,
    );
    expect(run.status).toBe(0);
    const opened = await openProject(project);
    expect(opened.warnings).toEqual([]);
    const figures = opened.document.content.filter((node): node is FigureNode => node.type === 'figure');
    expect(figures.length).toBeGreaterThanOrEqual(1);
    for (const figure of figures) expect(figure.attrs.emptyReason).toBeNull();
    expect(opened.manifest.seeds).toMatchObject([{ step: 'compose', seed: 4 }]);
    expect(opened.manifest.model?.decoder).toBe(path.basename(TINY_DECODER));
    const html = path.join(dir, 'exported', 'article.html');
    const exported = folio('export', project, '-o', html);
    expect(exported.status).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/<img[^>]+src="data:image\//);
  });

  it('`folio compose` refuses bad input with one line and exit code 2', () => {
    const run = spawnSync(
      process.execPath,
      [path.resolve('bin/folio.js'), 'compose', '--instruction', 'x', '--model', TINY_DECODER, '--mmproj', TINY_PROJECTOR, '-o', 'out.pdf'],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/must end in .folio \(a project\), .json, .md or .html/);
  });

  it('`folio compose` refuses a truncated reference picture with one line and exit code 2, before loading the model', async () => {
    const reference = path.join(dir, 'cut-short.jpg');
    writeFileSync(reference, await truncatedJpeg());
    const run = spawnSync(
      process.execPath,
      [
        path.resolve('bin/folio.js'),
        'compose',
        '--instruction',
        'x',
        '--references',
        reference,
        '--model',
        TINY_DECODER,
        '--mmproj',
        TINY_PROJECTOR,
        '-o',
        path.join(dir, 'refused.md'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^folio: the picture is damaged or incomplete: .*cut-short\.jpg/);
    expect(existsSync(path.join(dir, 'refused.md'))).toBe(false);
  });

  it.skipIf(process.platform !== 'linux')('`folio compose` refuses a place it cannot write to before writing anything', () => {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [
        path.resolve('bin/folio.js'),
        'compose',
        '--instruction',
        'x',
        '--model',
        TINY_DECODER,
        '--mmproj',
        TINY_PROJECTOR,
        '-o',
        '/proc/self/article.md',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/unexpected error|loading the model/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
