import { emptyDocument, heading, paragraph, type ArticleDocument, type BlockNode, type FigureNode } from '../documents/article-document';
import type { ComposeDraft } from './compose-article';
import type { SlotDraft } from './compose-types';

/** The composed article as the editor's document: figures right after their paragraphs. */
export function draftToDocument(draft: ComposeDraft): ArticleDocument {
  const document = emptyDocument();
  const slotsAfter = new Map<number, SlotDraft[]>();
  for (const slot of draft.slots) slotsAfter.set(slot.afterParagraph, [...(slotsAfter.get(slot.afterParagraph) ?? []), slot]);
  const content: BlockNode[] = [];
  for (const block of draft.blocks) {
    if (block.kind === 'heading') {
      content.push(heading(block.level ?? 1, block.text));
      continue;
    }
    content.push(paragraph(block.text));
    for (const slot of slotsAfter.get(block.paragraphIndex ?? -1) ?? []) content.push(figureNode(slot));
  }
  document.content = content;
  return document;
}

/**
 * The document's text with `slots` as its figures, each right after the block its paragraph
 * stands for (`paragraphNodes`, from documentToDraft); the figures it had go.
 */
export function withFigures(document: ArticleDocument, slots: readonly SlotDraft[], paragraphNodes: readonly number[]): ArticleDocument {
  const slotsAfter = new Map<number, SlotDraft[]>();
  for (const slot of slots) {
    const at = paragraphNodes[slot.afterParagraph] ?? paragraphNodes.at(-1) ?? -1;
    slotsAfter.set(at, [...(slotsAfter.get(at) ?? []), slot]);
  }
  const content: BlockNode[] = (slotsAfter.get(-1) ?? []).map(figureNode);
  document.content.forEach((node, index) => {
    if (node.type === 'figure') return;
    content.push(node);
    for (const slot of slotsAfter.get(index) ?? []) content.push(figureNode(slot));
  });
  return { ...document, content };
}

export function figureNode(slot: SlotDraft): FigureNode {
  const picked = slot.chosen === null ? undefined : slot.candidates[slot.chosen];
  return {
    type: 'figure',
    attrs: {
      assetId: picked?.id ?? null,
      caption: slot.caption,
      alt: slot.alt,
      provenance: picked?.provenance ?? null,
      slotTitle: slot.title,
      candidates: slot.candidates.map((candidate) => candidate.id),
      chosen: picked ? slot.chosen : null,
      emptyReason: picked ? null : (slot.emptyReason ?? 'No image was chosen for this slot.'),
    },
  };
}
