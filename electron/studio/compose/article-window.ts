import type { ArticleBlock } from './prompts/article-text';

/** How much of the article a prompt shows: a range of paragraphs, each perhaps shortened. */
export interface ArticleWindow {
  /** Paragraphs before the slot's paragraph to include; Infinity for all. */
  before: number;
  /** Words kept of each paragraph; Infinity keeps them whole. */
  maxWords: number;
  /** Paragraphs after the given one to include. @default Infinity */
  after?: number;
}

/**
 * Ever smaller views of the article, for a prompt that does not fit the model's context: a long
 * article with several pictures outgrows a small context long before the last figure is chosen.
 */
export const SLOT_WINDOWS: readonly ArticleWindow[] = [
  { before: Number.POSITIVE_INFINITY, maxWords: Number.POSITIVE_INFINITY },
  { before: 8, maxWords: Number.POSITIVE_INFINITY },
  { before: 4, maxWords: 80 },
  { before: 2, maxWords: 40 },
  { before: 0, maxWords: 25 },
];

/** For the place step, which must see every paragraph: shorter paragraphs instead. */
export const WHOLE_ARTICLE_WINDOWS: readonly ArticleWindow[] = [
  { before: Number.POSITIVE_INFINITY, maxWords: Number.POSITIVE_INFINITY },
  { before: Number.POSITIVE_INFINITY, maxWords: 60 },
  { before: Number.POSITIVE_INFINITY, maxWords: 25 },
  { before: Number.POSITIVE_INFINITY, maxWords: 10 },
];

/** For a paragraph edit: the paragraphs around it, fewer and shorter until the prompt fits. */
export const EDIT_WINDOWS: readonly ArticleWindow[] = [
  { before: Number.POSITIVE_INFINITY, maxWords: Number.POSITIVE_INFINITY },
  { before: 6, after: 6, maxWords: Number.POSITIVE_INFINITY },
  { before: 3, after: 3, maxWords: 80 },
  { before: 1, after: 1, maxWords: 40 },
  { before: 0, after: 0, maxWords: 20 },
];

/** The blocks a prompt shows for a slot after `paragraphIndex` (or the whole article). */
export function windowBlocks(
  blocks: readonly ArticleBlock[],
  window: ArticleWindow,
  paragraphIndex = Number.POSITIVE_INFINITY,
): ArticleBlock[] {
  const first = paragraphIndex - window.before;
  const last = paragraphIndex + (window.after ?? Number.POSITIVE_INFINITY);
  const shown: ArticleBlock[] = [];
  let pendingHeadings: ArticleBlock[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      pendingHeadings.push(block);
      continue;
    }
    const index = block.paragraphIndex ?? 0;
    if (index > last) {
      pendingHeadings = [];
      break;
    }
    if (index < first) {
      pendingHeadings = [];
      continue;
    }
    shown.push(...pendingHeadings, { ...block, text: shorten(block.text, window.maxWords) });
    pendingHeadings = [];
  }
  return [...shown, ...pendingHeadings];
}

function shorten(text: string, maxWords: number): string {
  if (!Number.isFinite(maxWords)) return text;
  const words = text.split(/\s+/);
  return words.length <= maxWords ? text : `${words.slice(0, maxWords).join(' ')} …`;
}
