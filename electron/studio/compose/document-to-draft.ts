import type { ImageInput } from '../../../native-models/engines/engine';
import type { ArticleBlock } from './prompts/article-text';
import {
  listStart,
  textOf,
  type ArticleDocument,
  type FigureAttrs,
  type ListNode,
  type TextBlockNode,
} from '../documents/article-document';
import type { ComposeDraft } from './compose-article';
import type { ImageCandidate, SlotDraft } from './compose-types';

/** Finds the image behind an asset id (the project's asset store, or the library). */
export type AssetResolver = (assetId: string) => ImageInput | null;

export interface DocumentDraft extends ComposeDraft {
  /** For each of the draft's paragraphs (by paragraphIndex), its index in `document.content`. */
  paragraphNodes: number[];
}

/**
 * Reads an edited document back into the pipeline's terms, so a single step can be redone on
 * what the writer has now. A top-level list or quote is one of the draft's paragraphs (its text
 * is article text the model reads, and a figure may follow it); marks are left out. Figures keep
 * their position after the paragraph before them.
 */
export function documentToDraft(document: ArticleDocument, resolve: AssetResolver): DocumentDraft {
  const blocks: ArticleBlock[] = [];
  const slots: SlotDraft[] = [];
  const paragraphNodes: number[] = [];
  document.content.forEach((node, index) => {
    if (node.type === 'heading') blocks.push({ kind: 'heading', level: node.attrs.level, text: textOf(node) });
    else if (node.type === 'figure') slots.push(slotFromFigure(node.attrs, Math.max(0, paragraphNodes.length - 1), resolve));
    else blocks.push({ kind: 'paragraph', text: draftText(node), paragraphIndex: paragraphNodes.push(index) - 1 });
  });
  return { blocks, slots, paragraphNodes };
}

/** A block on one line, as the prompts show paragraphs: list items keep their bullets or numbers. */
function draftText(node: TextBlockNode): string {
  if (node.type === 'paragraph') return textOf(node);
  const text = node.type === 'bulletList' || node.type === 'orderedList' ? listText(node) : textOf(node);
  return text.replace(/\s+/g, ' ').trim();
}

function listText(list: ListNode): string {
  const start = list.type === 'orderedList' ? listStart(list) : 1;
  return list.content.map((item, index) => `${list.type === 'orderedList' ? `${start + index}.` : '-'} ${textOf(item)}`).join(' ');
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
