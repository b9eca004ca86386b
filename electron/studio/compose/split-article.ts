import type { ArticleBlock } from './prompts/article-text';
import { withoutControlCharacters } from './without-control-characters';

/** The most paragraphs an article is written with, as the reference demo allows. */
export const MAX_PARAGRAPHS = 60;

/**
 * Splits written text into headings and paragraphs (at most `maxParagraphs`), numbering
 * paragraphs. A block of hashes alone is a heading whose text was cut off (the grammar lets no
 * paragraph start with '#'). Control characters the model wrote are left out.
 */
export function splitArticle(text: string, maxParagraphs = MAX_PARAGRAPHS): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  let paragraphs = 0;
  for (const raw of withoutControlCharacters(text).split(/\n\s*\n/)) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const heading = /^(#{1,6})(?: (.*))?$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: (heading[1] as string).length, text: (heading[2] ?? '').trim() });
    } else if (paragraphs < maxParagraphs) {
      blocks.push({ kind: 'paragraph', text: line, paragraphIndex: paragraphs++ });
    }
  }
  return blocks;
}
