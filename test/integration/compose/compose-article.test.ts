/**
 * The compose pipeline through the real engine (llama.node in the model host) on the tiny
 * models. The text is noise; what is checked is the structure a writer relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import { draftToDocument } from '../../../electron/studio/compose/draft-to-document';
import type { ComposeProgress } from '../../../electron/studio/compose/compose-types';
import { textOf, type ArticleDocument, type FigureNode } from '../../../electron/studio/documents/article-document';
import { type ModelSession } from '../../../electron/studio/model/model-session';
import type { EngineKind } from '../../../native-models/engines/engine';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { generatedCandidates, memoryLibrary } from '../../helpers/memory-library';
import { openTinySession } from '../../helpers/tiny-session';
import { seededRandom } from '../../helpers/seeded-random';
import { splitArticle } from '../../../electron/studio/compose/split-article';

const OUTLINE = '# Harbour towns at dawn\nWhy they matter.\n## The boats\n- who fishes\n## The market\n- what sells';
const figuresOf = (document: ArticleDocument) => document.content.filter((node): node is FigureNode => node.type === 'figure');
// Both multimodal engines; llama-server when this machine has built it (.ci/run does).
const engines: EngineKind[] = (await findLlamaServerBinary()) ? ['llama-node', 'llama-server'] : ['llama-node'];

describe.each(engines)('compose an article (%s)', (engine) => {
  let session: ModelSession;
  beforeAll(async () => {
    session = await openTinySession({ engine });
  });
  afterAll(() => session.close());

  it('writes paragraphs under the outline headings and places 1 to N figures from the library, none twice', async () => {
    const library = memoryLibrary(generatedCandidates(20));
    const steps = new Set<string>();
    const outcome = await composeArticle(
      session,
      { outline: OUTLINE, library, figures: 3, writeMaxTokens: 300 },
      { seed: 11, onProgress: (progress: ComposeProgress) => steps.add(progress.step) },
    );
    const document = draftToDocument(outcome.draft);
    expect(outcome.cancelled).toBe(false);
    const headings = document.content
      .filter((node) => node.type === 'heading')
      .map((node) => (node.type === 'heading' ? textOf(node) : ''));
    expect(headings).toEqual(['Harbour towns at dawn', 'The boats', 'The market']);
    expect(document.content.some((node) => node.type === 'paragraph')).toBe(true);
    const figures = figuresOf(document);
    expect(figures.length).toBeGreaterThanOrEqual(1);
    expect(figures.length).toBeLessThanOrEqual(3);
    const chosen = figures.map((figure) => figure.attrs.assetId);
    expect(new Set(chosen).size).toBe(chosen.length);
    for (const figure of figures) {
      const index = document.content.indexOf(figure);
      expect(document.content[index - 1]?.type).toBe('paragraph');
      expect(figure.attrs.slotTitle.length).toBeGreaterThan(0);
      expect(figure.attrs.candidates).toHaveLength(4);
      expect(figure.attrs.chosen).not.toBeNull();
      expect(figure.attrs.assetId).toBe(figure.attrs.candidates[figure.attrs.chosen as number]);
      expect(figure.attrs.caption.length).toBeGreaterThan(0);
      expect(figure.attrs.alt.length).toBeGreaterThan(0);
      expect(figure.attrs.provenance).toBe('library');
    }
    expect([...steps]).toEqual(['write', 'place', 'title', 'retrieve', 'choose', 'caption']);
    expect(library.searches).toEqual(figures.map((figure) => figure.attrs.slotTitle));
  });

  it('gives the same document for the same inputs and seed', async () => {
    const compose = async () =>
      draftToDocument(
        (
          await composeArticle(
            session,
            { outline: OUTLINE, library: memoryLibrary(generatedCandidates(20)), figures: 2, writeMaxTokens: 200 },
            { seed: 3 },
          )
        ).draft,
      );
    expect(await compose()).toEqual(await compose());
  });

  it('with reference images and no library, uses each upload at most once, captioned', async () => {
    const uploads = generatedCandidates(3, 'reference');
    const outcome = await composeArticle(
      session,
      { outline: 'Write about harbour towns.', references: uploads, figures: null, writeMaxTokens: 300 },
      { seed: 5 },
    );
    const figures = figuresOf(draftToDocument(outcome.draft));
    expect(figures.length).toBeGreaterThanOrEqual(1);
    expect(figures.length).toBeLessThanOrEqual(3);
    const ids = figures.map((figure) => figure.attrs.assetId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const figure of figures) {
      expect(uploads.map((upload) => upload.id)).toContain(figure.attrs.assetId);
      expect(figure.attrs.provenance).toBe('reference');
      expect(figure.attrs.caption.length).toBeGreaterThan(0);
    }
  });

  it('leaves a slot empty, with the reason, when the library has nothing left', async () => {
    const outcome = await composeArticle(
      session,
      { outline: OUTLINE, library: memoryLibrary([]), figures: 2, writeMaxTokens: 200 },
      { seed: 7 },
    );
    const figures = figuresOf(draftToDocument(outcome.draft));
    expect(figures.length).toBeGreaterThanOrEqual(1);
    for (const figure of figures) {
      expect(figure.attrs.assetId).toBeNull();
      expect(figure.attrs.emptyReason).toMatch(/No image in your library/);
    }
  });

  it('cancelled while captioning the last figure, keeps the article and only the finished figures', async () => {
    const controller = new AbortController();
    let total = 0;
    const outcome = await composeArticle(
      session,
      { outline: OUTLINE, library: memoryLibrary(generatedCandidates(20)), figures: 3, writeMaxTokens: 300 },
      {
        seed: 11,
        signal: controller.signal,
        onProgress: (progress) => {
          total = progress.slots ?? total;
          if (progress.step === 'caption' && progress.slot === progress.slots) controller.abort();
        },
      },
    );
    expect(outcome.cancelled).toBe(true);
    expect(total).toBeGreaterThan(0);
    expect(outcome.draft.blocks.length).toBeGreaterThan(0);
    expect(outcome.draft.slots).toHaveLength(total - 1);
    for (const slot of outcome.draft.slots) expect(slot.caption.length).toBeGreaterThan(0);
  });

  it('cancelled while writing, keeps exactly what had streamed, follow-ups included (issue 23)', async () => {
    // A small answer budget makes the write step ask again for the sections left empty.
    const random = seededRandom(23);
    for (let point = 0; point < 12; point++) {
      const stopAfter = 1 + random.int(260);
      const controller = new AbortController();
      let streamed = '';
      let deltas = 0;
      const outcome = await composeArticle(
        session,
        { outline: OUTLINE, figures: 2, writeMaxTokens: 64 },
        {
          seed: point,
          signal: controller.signal,
          onProgress: (progress) => {
            streamed += progress.textDelta ?? '';
            if (progress.textDelta && ++deltas === stopAfter) controller.abort();
          },
        },
      );
      const shown = splitArticle(streamed, Number.POSITIVE_INFINITY).map((block) => block.text);
      const kept = outcome.draft.blocks.map((block) => block.text);
      // Stopped: exactly what streamed. Finished: what streamed, then the rest (a cut character, headings never reached).
      if (outcome.cancelled) expect(kept, `stopped after ${stopAfter} pieces`).toEqual(shown);
      else expect(kept.join('\n').startsWith(shown.join('\n')), `finished before ${stopAfter} pieces`).toBe(true);
    }
  });
});
