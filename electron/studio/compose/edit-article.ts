/**
 * Edits on the writer's document, each one model step redone on its own: a paragraph rewritten,
 * expanded, shortened or inserted; a figure re-titled and re-retrieved, swapped, replaced from a
 * library search, re-chosen or re-captioned; the figure positions placed again. Every edit
 * returns a new document; the old one is untouched (undo keeps it).
 */
import { WRITING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { PARAGRAPH_GRAMMAR, type ParagraphEdit } from './prompts/edit-prompts';
import { taggedArticle, type ArticleBlock } from './prompts/article-text';
import { ModelError } from '../../../native-models/errors';
import { paragraph, type ArticleDocument, type BlockNode } from '../documents/article-document';
import { EDIT_WINDOWS, windowBlocks } from './article-window';
import { firstThatFits } from './first-that-fits';
import { captionFigure } from './caption-figure';
import { chooseCandidate } from './choose-candidate';
import { CANDIDATES_PER_SLOT, fillSlot, placedPictures, type ComposeDraft } from './compose-article';
import type { CandidateSource, ComposeModel, ImageCandidate, SlotDraft, StepOptions } from './compose-types';
import { documentToDraft, type AssetResolver } from './document-to-draft';
import { figureNode } from './draft-to-document';
import { stepSeed } from './step-seed';
import { titleSlot } from './title-slot';
import { withoutControlCharacters } from './without-control-characters';

const EDIT_MAX_TOKENS = 500;

/**
 * Rewrite, expand, shorten, or insert a paragraph before/after the paragraph at `paragraphIndex`:
 * an index among the article's top-level paragraphs, as the editor counts them. A paragraph in
 * a list or a quote is not one of them (the editor offers these actions on neither).
 */
export async function editParagraph(
  model: ComposeModel,
  document: ArticleDocument,
  paragraphIndex: number,
  edit: ParagraphEdit,
  options: StepOptions,
): Promise<ArticleDocument> {
  const nodeIndex = nodeIndexOfParagraph(document, paragraphIndex);
  const draft = documentToDraft(document, () => null);
  // The draft counts lists and quotes among its paragraphs; the writer's index does not.
  const draftIndex = nodeIndex < 0 ? -1 : draft.paragraphNodes.indexOf(nodeIndex);
  const target = draft.blocks.find((block) => block.paragraphIndex === draftIndex);
  if (draftIndex < 0 || !target) throw new ModelError('invalid-request', `There is no paragraph ${paragraphIndex + 1} in this article.`);
  let tokens = 0;
  // A long article in a small context: show less of what comes before the paragraph until it fits.
  const result = await firstThatFits(EDIT_WINDOWS, (window) =>
    model.ask(
      model.family.edit({
        article: taggedArticle(windowBlocks(draft.blocks, window, draftIndex)),
        paragraph: target.text,
        previous: paragraphText(draft.blocks, draftIndex - 1),
        next: paragraphText(draft.blocks, draftIndex + 1),
        edit,
      }),
      {
        sampling: { ...WRITING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, `edit-${edit.kind}`, paragraphIndex) },
        maxTokens: EDIT_MAX_TOKENS,
        constraint: { type: 'grammar', grammar: PARAGRAPH_GRAMMAR },
        signal: options.signal,
        // As the write step's: what streams is what is kept, without the model's control characters.
        onToken: (textDelta) => options.onProgress?.({ step: 'edit', tokens: ++tokens, textDelta: withoutControlCharacters(textDelta) }),
      },
    ),
  );
  const text = withoutControlCharacters(result.text).replace(/\s+/g, ' ').trim();
  const content = [...document.content];
  if (edit.kind === 'insert-before') content.splice(nodeIndex, 0, paragraph(text));
  else if (edit.kind === 'insert-after') content.splice(nodeIndex + 1, 0, paragraph(text));
  else content[nodeIndex] = paragraph(text);
  return { ...document, content };
}

/** Re-title one figure, search the library again, choose and caption: the other figures stay. */
export async function retitleFigure(
  model: ComposeModel,
  document: ArticleDocument,
  figureIndex: number,
  library: CandidateSource,
  resolve: AssetResolver,
  options: StepOptions,
): Promise<ArticleDocument> {
  const { draft, slot, others } = figureContext(document, figureIndex, resolve);
  const earlier = others
    .filter((other) => other.afterParagraph <= slot.afterParagraph)
    .map((other) => ({ afterParagraph: other.afterParagraph, title: other.title }));
  const title = await titleSlot(model, draft.blocks, slot.afterParagraph, earlier, { ...options, seed: options.seed + 1 });
  const used = usedAssets(others);
  const filled = await fillSlot(
    model,
    { blocks: draft.blocks, slots: others },
    { afterParagraph: slot.afterParagraph, title, used, uploads: [], library },
    options,
  );
  return replaceFigure(document, figureIndex, filled);
}

/** Show the model the figure's candidates again and let it choose; then caption the choice. */
export async function rechooseFigure(
  model: ComposeModel,
  document: ArticleDocument,
  figureIndex: number,
  resolve: AssetResolver,
  options: StepOptions,
): Promise<ArticleDocument> {
  const { draft, slot, others } = figureContext(document, figureIndex, resolve);
  if (slot.candidates.length === 0) return document;
  const context: ComposeDraft = { blocks: draft.blocks, slots: others };
  const chosen = await chooseCandidate(model, draft.blocks, slot.afterParagraph, slot.title, placedPictures(context), slot.candidates, {
    ...options,
    seed: options.seed + 1,
  });
  return captionChoice(model, document, figureIndex, { ...slot, chosen }, draft, options);
}

/** The writer picked another of the figure's candidates: it is captioned in context. */
export async function swapCandidate(
  model: ComposeModel,
  document: ArticleDocument,
  figureIndex: number,
  candidateIndex: number,
  resolve: AssetResolver,
  options: StepOptions,
): Promise<ArticleDocument> {
  const { draft, slot } = figureContext(document, figureIndex, resolve);
  if (!slot.candidates[candidateIndex]) throw new ModelError('invalid-request', 'That candidate image is no longer available.');
  return captionChoice(model, document, figureIndex, { ...slot, chosen: candidateIndex }, draft, options);
}

/** Replace a figure's image by one the writer found with a text search of the library. */
export async function replaceFigureImage(
  model: ComposeModel,
  document: ArticleDocument,
  figureIndex: number,
  replacement: ImageCandidate,
  resolve: AssetResolver,
  options: StepOptions,
): Promise<ArticleDocument> {
  const { draft, slot } = figureContext(document, figureIndex, resolve);
  const candidates = [replacement, ...slot.candidates.filter((candidate) => candidate.id !== replacement.id)].slice(
    0,
    CANDIDATES_PER_SLOT + 1,
  );
  return captionChoice(model, document, figureIndex, { ...slot, candidates, chosen: 0, emptyReason: null }, draft, options);
}

/** How many seeds "New caption" tries for a caption unlike the one the figure has. */
const NEW_CAPTION_TRIES = 3;

/**
 * Caption the figure's current image again. The caption step is near-greedy, so the same picture
 * and passage gave the same caption back: here it samples more freely, and tries other seeds
 * until the caption differs (the caller tells the writer when none did).
 */
export async function recaptionFigure(
  model: ComposeModel,
  document: ArticleDocument,
  figureIndex: number,
  resolve: AssetResolver,
  options: StepOptions,
): Promise<ArticleDocument> {
  const { draft, slot } = figureContext(document, figureIndex, resolve);
  let result = document;
  for (let attempt = 1; attempt <= NEW_CAPTION_TRIES; attempt++) {
    result = await captionChoice(model, document, figureIndex, slot, draft, {
      ...options,
      seed: options.seed + attempt,
      sampling: { temperature: 0.8, ...options.sampling },
    });
    if (figureCaption(result, figureIndex) !== slot.caption) break;
  }
  return result;
}

/** The caption of the article's figure number `figureIndex` (from 0); undefined when there is none. */
export function figureCaption(document: ArticleDocument, figureIndex: number): string | undefined {
  const figure = document.content.filter((node) => node.type === 'figure')[figureIndex];
  return figure?.type === 'figure' ? figure.attrs.caption : undefined;
}

async function captionChoice(
  model: ComposeModel,
  document: ArticleDocument,
  figureIndex: number,
  slot: SlotDraft,
  draft: ComposeDraft,
  options: StepOptions,
): Promise<ArticleDocument> {
  const picked = slot.chosen === null ? undefined : slot.candidates[slot.chosen];
  if (!picked) return document;
  const { caption, alt } = await captionFigure(model, draft.blocks, slot.afterParagraph, slot.title, picked.image, {
    ...options,
    seed: stepSeed(options.seed, picked.id),
  });
  return replaceFigure(document, figureIndex, { ...slot, caption, alt, emptyReason: null });
}

function figureContext(
  document: ArticleDocument,
  figureIndex: number,
  resolve: AssetResolver,
): { draft: ComposeDraft; slot: SlotDraft; others: SlotDraft[] } {
  const draft = documentToDraft(document, resolve);
  const slot = draft.slots[figureIndex];
  if (!slot) throw new ModelError('invalid-request', `There is no figure ${figureIndex + 1} in this article.`);
  return { draft, slot, others: draft.slots.filter((_, index) => index !== figureIndex) };
}

function replaceFigure(document: ArticleDocument, figureIndex: number, slot: SlotDraft): ArticleDocument {
  let seen = -1;
  const content: BlockNode[] = document.content.map((node) => (node.type === 'figure' && ++seen === figureIndex ? figureNode(slot) : node));
  return { ...document, content };
}

function nodeIndexOfParagraph(document: ArticleDocument, paragraphIndex: number): number {
  let seen = -1;
  return document.content.findIndex((node) => node.type === 'paragraph' && ++seen === paragraphIndex);
}

function usedAssets(slots: readonly SlotDraft[]): Set<string> {
  const used = new Set<string>();
  for (const slot of slots) {
    const picked = slot.chosen === null ? undefined : slot.candidates[slot.chosen];
    if (picked) used.add(picked.id);
  }
  return used;
}

/** The draft paragraph at `index`, '' past either end of the article. */
function paragraphText(blocks: readonly ArticleBlock[], index: number): string {
  return blocks.find((block) => block.kind === 'paragraph' && block.paragraphIndex === index)?.text ?? '';
}
