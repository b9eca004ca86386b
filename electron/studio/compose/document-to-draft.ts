import type { ImageInput } from '../../../native-models/engines/engine';
import type { ArticleBlock } from '../../../native-models/prompts/compose/article-text';
import { textOf, type ArticleDocument, type FigureAttrs } from '../documents/article-document';
import type { ComposeDraft } from './compose-article';
import type { ImageCandidate, SlotDraft } from './compose-types';

/** Finds the image behind an asset id (the project's asset store, or the library). */
export type AssetResolver = (assetId: string) => ImageInput | null;

/**
 * Reads an edited document back into the pipeline's terms, so a single step can be redone on
 * what the writer has now. Figures keep their position after the paragraph before them.
 */
export function documentToDraft(document: ArticleDocument, resolve: AssetResolver): ComposeDraft {
  const blocks: ArticleBlock[] = [];
  const slots: SlotDraft[] = [];
  let paragraphs = 0;
  for (const node of document.content) {
    if (node.type === 'heading') blocks.push({ kind: 'heading', level: node.attrs.level, text: textOf(node) });
    else if (node.type === 'paragraph') blocks.push({ kind: 'paragraph', text: textOf(node), paragraphIndex: paragraphs++ });
    else slots.push(slotFromFigure(node.attrs, Math.max(0, paragraphs - 1), resolve));
  }
  return { blocks, slots };
}

function slotFromFigure(attrs: FigureAttrs, afterParagraph: number, resolve: AssetResolver): SlotDraft {
  const candidates: ImageCandidate[] = [];
  for (const id of attrs.candidates) {
    const image = resolve(id);
    if (image) candidates.push({ id, image, provenance: attrs.provenance ?? 'library' });
  }
  const chosenId = attrs.chosen === null ? null : attrs.candidates[attrs.chosen];
  const chosen = chosenId ? candidates.findIndex((candidate) => candidate.id === chosenId) : -1;
  return {
    afterParagraph,
    title: attrs.slotTitle,
    candidates,
    chosen: chosen >= 0 ? chosen : null,
    caption: attrs.caption,
    alt: attrs.alt,
    emptyReason: attrs.emptyReason,
  };
}
