/** How the article is shown to the model in the later steps: paragraphs tagged <SegN>. */
export interface ArticleBlock {
  kind: 'heading' | 'paragraph';
  text: string;
  level?: number;
  /** Index among paragraphs only, for paragraphs. */
  paragraphIndex?: number;
}

export function segmentTag(paragraphIndex: number): string {
  return `<Seg${paragraphIndex}>`;
}

/** The article up to and including `lastParagraph` (all of it when omitted), paragraphs tagged. */
export function taggedArticle(blocks: readonly ArticleBlock[], lastParagraph = Number.POSITIVE_INFINITY): string {
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph' && (block.paragraphIndex ?? 0) > lastParagraph) break;
    lines.push(
      block.kind === 'heading' ? `${'#'.repeat(block.level ?? 1)} ${block.text}` : `${segmentTag(block.paragraphIndex ?? 0)} ${block.text}`,
    );
  }
  return lines.join('\n');
}
