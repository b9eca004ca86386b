/**
 * Each edit through the real engine on the tiny models: it changes what it should and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import { draftToDocument } from '../../../electron/studio/compose/draft-to-document';
import {
  editParagraph,
  recaptionFigure,
  rechooseFigure,
  replaceFigureImage,
  retitleFigure,
  swapCandidate,
} from '../../../electron/studio/compose/edit-article';
import {
  textOf,
  type ArticleDocument,
  type BlockNode,
  type FigureNode,
  type ParagraphNode,
} from '../../../electron/studio/documents/article-document';
import { type ModelSession } from '../../../electron/studio/model/model-session';
import { generatedCandidates, memoryLibrary } from '../../helpers/memory-library';
import { openTinySession } from '../../helpers/tiny-session';

const library = generatedCandidates(12);
const resolve = (id: string) => library.find((candidate) => candidate.id === id)?.image ?? null;
let session: ModelSession;
let base: ArticleDocument;

const paragraphs = (document: ArticleDocument) => document.content.filter((node): node is ParagraphNode => node.type === 'paragraph');
const figures = (document: ArticleDocument) => document.content.filter((node): node is FigureNode => node.type === 'figure');

beforeAll(async () => {
  session = await openTinySession();
  const outcome = await composeArticle(
    session,
    { outline: '# Tides\n## Morning\n## Evening', library: memoryLibrary(library), figures: 2, writeMaxTokens: 300 },
    { seed: 21 },
  );
  base = draftToDocument(outcome.draft);
  expect(figures(base).length).toBeGreaterThan(0);
});
afterAll(() => session.close());

describe('edits', () => {
  for (const kind of ['rewrite', 'expand', 'shorten'] as const) {
    it(`${kind} replaces one paragraph and leaves the rest`, async () => {
      const edited = await editParagraph(session, base, 0, kind === 'expand' ? { kind, material: 'tide tables' } : { kind }, { seed: 2 });
      expect(paragraphs(edited)).toHaveLength(paragraphs(base).length);
      expect(textOf(paragraphs(edited)[0] as ParagraphNode)).not.toBe(textOf(paragraphs(base)[0] as ParagraphNode));
      const at = base.content.indexOf(paragraphs(base)[0] as ParagraphNode);
      expect(edited.content.filter((_, index) => index !== at)).toEqual(base.content.filter((_, index) => index !== at));
    });
  }

  it('inserts a paragraph before and after another', async () => {
    const before = await editParagraph(session, base, 0, { kind: 'insert-before', outline: 'the moon' }, { seed: 3 });
    expect(paragraphs(before)).toHaveLength(paragraphs(base).length + 1);
    expect(paragraphs(before)[1]).toEqual(paragraphs(base)[0]);
    const after = await editParagraph(session, base, 0, { kind: 'insert-after', outline: 'the moon' }, { seed: 3 });
    expect(paragraphs(after)[0]).toEqual(paragraphs(base)[0]);
    expect(paragraphs(after)).toHaveLength(paragraphs(base).length + 1);
  });

  it('re-titles and re-retrieves one figure, keeping the others and never reusing their images', async () => {
    const edited = await retitleFigure(session, base, 0, memoryLibrary(library), resolve, { seed: 4 });
    const [first, ...rest] = figures(edited);
    expect(rest).toEqual(figures(base).slice(1));
    const others = new Set(rest.map((figure) => figure.attrs.assetId));
    expect(others.has(first?.attrs.assetId ?? null)).toBe(false);
    expect(first?.attrs.candidates.length).toBeGreaterThan(0);
    expect(paragraphs(edited)).toEqual(paragraphs(base));
  });

  it('swaps to another candidate and captions it', async () => {
    const figure = figures(base)[0] as FigureNode;
    const other = figure.attrs.chosen === 0 ? 1 : 0;
    const edited = await swapCandidate(session, base, 0, other, resolve, { seed: 5 });
    const swapped = figures(edited)[0] as FigureNode;
    expect(swapped.attrs.chosen).toBe(other);
    expect(swapped.attrs.assetId).toBe(figure.attrs.candidates[other]);
    expect(swapped.attrs.caption.length).toBeGreaterThan(0);
  });

  it('replaces a figure by a library search result', async () => {
    const replacement = library[11]!;
    const edited = await replaceFigureImage(session, base, 0, replacement, resolve, { seed: 6 });
    expect((figures(edited)[0] as FigureNode).attrs.assetId).toBe(replacement.id);
  });

  it('redoes choose and caption of one figure alone', async () => {
    const rechosen = await rechooseFigure(session, base, 0, resolve, { seed: 8 });
    expect((figures(rechosen)[0] as FigureNode).attrs.candidates).toEqual((figures(base)[0] as FigureNode).attrs.candidates);
    const recaptioned = await recaptionFigure(session, base, 0, resolve, { seed: 9 });
    expect((figures(recaptioned)[0] as FigureNode).attrs.assetId).toBe((figures(base)[0] as FigureNode).attrs.assetId);
    expect(paragraphs(recaptioned)).toEqual(paragraphs(base));
  });

  it('finds the paragraph behind a list and a quote, and keeps them, their marks and the other text', async () => {
    const at = base.content.findIndex((node) => node.type === 'paragraph');
    const first = base.content[at] as ParagraphNode;
    const list: BlockNode = {
      type: 'bulletList',
      content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nets', marks: [{ type: 'bold' }] }] }] },
      ],
    };
    const quote: BlockNode = { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'The sea gives.' }] }] };
    const withBlocks: ArticleDocument = { ...base, content: [...base.content.slice(0, at), list, quote, ...base.content.slice(at)] };
    const edited = await editParagraph(session, withBlocks, 0, { kind: 'rewrite' }, { seed: 2 });
    expect(edited.content.slice(0, at + 2)).toEqual(withBlocks.content.slice(0, at + 2));
    expect(textOf(edited.content[at + 2] as ParagraphNode)).not.toBe(textOf(first));
    expect(edited.content.slice(at + 3)).toEqual(withBlocks.content.slice(at + 3));
  });
});
