import type { ImageInput } from '../../../native-models/engines/engine';
import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import type { ArticleBlock } from './prompts/article-text';
import type { ComposeModel, StepOptions } from './compose-types';
import { stepSeed } from './step-seed';
import { WHOLE_ARTICLE_WINDOWS, windowBlocks, type ArticleWindow } from './article-window';
import { firstThatFits, isPromptTooLong } from './first-that-fits';

interface PlaceView {
  window: ArticleWindow;
  /** Whether the reference pictures are shown (each costs image tokens). */
  showReferences: boolean;
  maxTokens: number;
}

/** The answer's allowance when the whole article fits (the time-left estimate's budget for placing). */
export const PLACE_MAX_TOKENS = 200;

const SHORTEST = WHOLE_ARTICLE_WINDOWS[WHOLE_ARTICLE_WINDOWS.length - 1] as ArticleWindow;

/** Shorter paragraphs, then without the reference pictures, then a shorter answer allowance. */
const PLACE_VIEWS: readonly PlaceView[] = [
  ...WHOLE_ARTICLE_WINDOWS.map((window) => ({ window, showReferences: true, maxTokens: PLACE_MAX_TOKENS })),
  ...WHOLE_ARTICLE_WINDOWS.map((window) => ({ window, showReferences: false, maxTokens: PLACE_MAX_TOKENS })),
  { window: SHORTEST, showReferences: false, maxTokens: 64 },
];

/**
 * Place: paragraph numbers after which figures go, distinct and in article order. The answer
 * is JSON constrained by a schema (in range, no more than asked); duplicates are dropped here
 * because grammar converters do not enforce uniqueness.
 */
export async function placeFigures(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  count: number | null,
  options: StepOptions & { references?: ImageInput[] },
): Promise<number[]> {
  const paragraphCount = blocks.filter((block) => block.kind === 'paragraph').length;
  if (paragraphCount === 0) return [];
  let tokens = 0;
  const references = options.references ?? [];
  let answered: number[] | null = null;
  try {
    const views = references.length > 0 ? PLACE_VIEWS : PLACE_VIEWS.filter((view) => !view.showReferences);
    answered = await firstThatFits(views, async (view) => {
      const question = model.family.place(windowBlocks(blocks, view.window), count, view.showReferences ? references : []);
      const result = await model.ask(question.prompt, {
        sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'place') },
        maxTokens: view.maxTokens,
        constraint: question.constraint,
        signal: options.signal,
        onToken: () => options.onProgress?.({ step: 'place', tokens: ++tokens }),
      });
      return question.read(result.text);
    });
  } catch (error) {
    // Not even paragraph openings fit: the figures are spread evenly instead of asked about.
    if (!isPromptTooLong(error)) throw error;
  }
  const figures = answered ?? evenlySpaced(paragraphCount, count ?? Math.min(3, paragraphCount));
  const distinct = [...new Set(figures)].filter((index) => Number.isInteger(index) && index >= 0 && index < paragraphCount);
  return topUp(distinct, paragraphCount, count).sort((a, b) => a - b);
}

/**
 * An asked-for count is kept when the answer repeated a paragraph (the schema cannot forbid
 * that): the missing positions are the evenly spaced ones not taken yet, then any free paragraph.
 */
function topUp(positions: number[], paragraphCount: number, count: number | null): number[] {
  const wanted = count === null ? positions.length : Math.min(count, paragraphCount);
  const chosen = new Set(positions);
  for (const index of evenlySpaced(paragraphCount, wanted)) if (chosen.size < wanted) chosen.add(index);
  for (let index = paragraphCount - 1; index >= 0 && chosen.size < wanted; index--) chosen.add(index);
  return [...chosen];
}

/** Positions spread through the article: the fallback when the answer was cut off. */
function evenlySpaced(paragraphCount: number, count: number): number[] {
  const wanted = Math.max(1, Math.min(count, paragraphCount));
  return Array.from({ length: wanted }, (_, index) =>
    Math.min(paragraphCount - 1, Math.floor(((index + 1) * paragraphCount) / (wanted + 1))),
  );
}
