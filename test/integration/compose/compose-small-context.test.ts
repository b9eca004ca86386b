/**
 * Compose in a context just large enough for the article (issue 12, item 12): with pictures that
 * cost many tokens each, choosing among four candidates at once no longer fits; the choose step
 * asks in rounds, the other steps show less, and every figure is still filled. A failure after
 * the article is written keeps the article and the finished figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import type { ComposeModel } from '../../../electron/studio/compose/compose-types';
import { draftToDocument } from '../../../electron/studio/compose/draft-to-document';
import type { FigureNode } from '../../../electron/studio/documents/article-document';
import { type ModelSession } from '../../../electron/studio/model/model-session';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { writeGguf } from '../../../native-models/gguf/gguf-writer';
import { ModelError } from '../../../native-models/errors';
import { writePictureFolder } from '../../fixtures/images';
import { tinyProjector } from '../../fixtures/tiny-models';
import { generatedCandidates, memoryLibrary } from '../../helpers/memory-library';
import { markdownImages } from '../../helpers/markdown-images';
import { TINY_CLIP, TINY_DECODER } from '../../helpers/fixture-paths';
import { openTinySession } from '../../helpers/tiny-session';

const OUTLINE = '# Harbour towns\n## Boats\n## Markets\n';
/** 448 px at patch 14, pixel-shuffled by 2: 256 tokens a picture, four candidates fill the whole context. */
const IMAGE_TOKENS = 256;
const CONTEXT = 1024;

interface AskRecord {
  images: number;
  refused: boolean;
}

/** The real session, with every prompt's picture count and whether the engine refused it. */
function recording(session: ModelSession, failOn?: (images: number, call: number) => boolean): ComposeModel & { asks: AskRecord[] } {
  const asks: AskRecord[] = [];
  return {
    asks,
    get info() {
      return session.info;
    },
    family: session.family,
    async ask(prompt, options) {
      const images = (await prompt.parts()).filter((part) => part.type === 'image').length;
      if (failOn?.(images, asks.length)) {
        asks.push({ images, refused: false });
        throw new ModelError('engine-failed', 'The model engine failed (HTTP 500): injected');
      }
      try {
        const result = await session.ask(prompt, options);
        asks.push({ images, refused: false });
        return result;
      } catch (error) {
        asks.push({ images, refused: error instanceof ModelError && error.code === 'prompt-too-long' });
        throw error;
      }
    },
  };
}

let session: ModelSession;
let dir: string;
let projector: string;
let engine: 'llama-server' | 'llama-node';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'folio-small-context-'));
  projector = path.join(dir, 'projector-448.gguf');
  await writeGguf(projector, tinyProjector({ imageSize: 448 }));
  engine = (await findLlamaServerBinary()) ? 'llama-server' : 'llama-node';
  session = await openTinySession({ projectorPath: projector, contextSize: CONTEXT, engine });
});
afterAll(async () => {
  await session.close();
});

describe('compose in a small context', () => {
  it("the load's memory estimate counts llama-server's prompt cache: one context's KV more, in host memory", () => {
    const fit = session.fit;
    expect(fit?.kvCacheBytes).toBeGreaterThan(0);
    expect(fit?.promptCacheBytes).toBe(engine === 'llama-server' ? fit?.kvCacheBytes : 0);
  });

  it('chooses in rounds when four candidates do not fit, and fills every figure', async () => {
    const model = recording(session);
    const library = memoryLibrary(generatedCandidates(12));
    const outcome = await composeArticle(model, { outline: OUTLINE, library, figures: 2 }, { seed: 3 });
    expect(outcome.problems).toEqual([]);
    const figures = draftToDocument(outcome.draft).content.filter((node): node is FigureNode => node.type === 'figure');
    expect(figures).toHaveLength(2);
    for (const figure of figures) {
      expect(figure.attrs.assetId).not.toBeNull();
      expect(figure.attrs.candidates).toHaveLength(4);
      expect(figure.attrs.candidates).toContain(figure.attrs.assetId);
    }
    // Four candidates at once were refused as too long; questions about two at a time were answered.
    expect(model.asks.some((ask) => ask.refused && ask.images === 4)).toBe(true);
    const answeredChoices = model.asks.filter((ask) => !ask.refused && ask.images >= 2);
    expect(answeredChoices.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...answeredChoices.map((ask) => ask.images)) * IMAGE_TOKENS).toBeLessThan(CONTEXT);
  });

  it('keeps the article and the finished figures when a later step fails', async () => {
    // After the first figure's caption (its one-picture question), every question with a picture fails.
    let captioned = 0;
    const model = recording(session, (images) => {
      if (captioned >= 1 && images >= 1) return true;
      if (images === 1) captioned++;
      return false;
    });
    const library = memoryLibrary(generatedCandidates(12));
    const outcome = await composeArticle(model, { outline: OUTLINE, library, figures: 2 }, { seed: 4 });
    expect(outcome.cancelled).toBe(false);
    expect(outcome.draft.blocks.filter((block) => block.kind === 'paragraph').length).toBeGreaterThan(0);
    expect(outcome.problems.length).toBeGreaterThanOrEqual(1);
    expect(outcome.problems.join(' ')).toMatch(/injected/);
    const figures = draftToDocument(outcome.draft).content.filter((node): node is FigureNode => node.type === 'figure');
    expect(figures).toHaveLength(2);
    const empty = figures.filter((figure) => figure.attrs.assetId === null);
    expect(empty.length).toBeGreaterThanOrEqual(1);
    for (const figure of empty)
      expect(figure.attrs.emptyReason).toMatch(/could not be chosen \((choosing its picture|writing its caption)\): .*injected/);
  });

  it('`folio compose` from a library finishes in such a context and writes the article with its figures', async () => {
    const folder = path.join(dir, 'pictures');
    await writePictureFolder(folder, 6);
    const outline = path.join(dir, 'outline.md');
    writeFileSync(outline, OUTLINE);
    const out = path.join(dir, 'article', 'article.md');
    const run = spawnSync(
      process.execPath,
      [
        path.resolve('bin/folio.js'),
        'compose',
        '--outline',
        outline,
        '--library',
        folder,
        '--library-db',
        path.join(dir, 'library.sqlite'),
        '--embedding-model',
        TINY_CLIP,
        '--figures',
        '2',
        '--seed',
        '5',
        '--model',
        TINY_DECODER,
        '--mmproj',
        projector,
        '--engine',
        engine,
        '--threads',
        '1',
        '--context',
        String(CONTEXT),
        '-o',
        out,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    expect(run.stderr).toMatch(/paragraphs, 2 figures/);
    expect(run.status).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    const images = markdownImages(markdown);
    expect(images).toHaveLength(2);
    for (const image of images) expect(existsSync(path.join(path.dirname(out), image))).toBe(true);
  });
});
