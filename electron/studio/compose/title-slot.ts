import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { quotedLine } from './prompts/gbnf';
import { TITLE_MAX_CHARS } from './prompts/title-prompt';
import type { ArticleBlock } from './prompts/article-text';
import type { ComposeModel, StepOptions } from './compose-types';
import type { EarlierTitle } from './prompt-families/prompt-family';
import { stepSeed } from './step-seed';
import { SLOT_WINDOWS, windowBlocks, type ArticleWindow } from './article-window';
import { firstThatFits, isPromptTooLong } from './first-that-fits';
import { withoutControlCharacters } from './without-control-characters';

interface TitleView {
  window: ArticleWindow;
  /** How many of the titles chosen before are listed (the latest ones). */
  earlier: number;
  maxTokens: number;
}

const SMALLEST_WINDOW = SLOT_WINDOWS[SLOT_WINDOWS.length - 1] as ArticleWindow;

/** Less and less of the article, then fewer earlier titles, then a shorter answer allowance. */
/** A title's allowance in the first views (the time-left estimate's budget for titling). */
export const TITLE_MAX_TOKENS = 200;

const TITLE_VIEWS: readonly TitleView[] = [
  ...SLOT_WINDOWS.map((window) => ({ window, earlier: Number.POSITIVE_INFINITY, maxTokens: TITLE_MAX_TOKENS })),
  { window: SMALLEST_WINDOW, earlier: 2, maxTokens: TITLE_MAX_TOKENS },
  { window: SMALLEST_WINDOW, earlier: 0, maxTokens: 120 },
];

const FALLBACK_TITLE_WORDS = 8;

/**
 * Title: one short line for the figure after a paragraph, constrained to a quoted line. When no
 * question fits the model's context, the paragraph's first words are the title (it is what the
 * library is searched for).
 */
export async function titleSlot(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  earlierTitles: readonly EarlierTitle[],
  options: StepOptions & { slot?: number; slots?: number },
): Promise<string> {
  let tokens = 0;
  try {
    const result = await firstThatFits(TITLE_VIEWS, (view) =>
      model.ask(
        model.family.title(
          windowBlocks(blocks, view.window, paragraphIndex),
          paragraphIndex,
          view.earlier > 0 ? earlierTitles.slice(-view.earlier) : [],
        ),
        {
          sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'title', paragraphIndex) },
          maxTokens: view.maxTokens,
          constraint: { type: 'grammar', grammar: quotedLine(TITLE_MAX_CHARS) },
          signal: options.signal,
          onToken: () => options.onProgress?.({ step: 'title', slot: options.slot, slots: options.slots, tokens: ++tokens }),
        },
      ),
    );
    const title = withoutControlCharacters(result.text).replace(/"$/, '').replace(/\s+/g, ' ').trim();
    return title || paragraphOpening(blocks, paragraphIndex);
  } catch (error) {
    if (!isPromptTooLong(error)) throw error;
    return paragraphOpening(blocks, paragraphIndex);
  }
}

export type { EarlierTitle } from './prompt-families/prompt-family';

function paragraphOpening(blocks: readonly ArticleBlock[], paragraphIndex: number): string {
  const text = blocks.find((block) => block.kind === 'paragraph' && block.paragraphIndex === paragraphIndex)?.text ?? '';
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, FALLBACK_TITLE_WORDS).join(' ').slice(0, TITLE_MAX_CHARS) || `Figure after paragraph ${paragraphIndex + 1}`;
}
