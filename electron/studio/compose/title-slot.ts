import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { quotedLine } from '../../../native-models/prompts/compose/gbnf';
import { TITLE_MAX_CHARS, titlePrompt } from '../../../native-models/prompts/compose/title-prompt';
import type { ArticleBlock } from '../../../native-models/prompts/compose/article-text';
import type { ComposeModel, StepOptions } from './compose-types';
import { stepSeed } from './step-seed';
import { SLOT_WINDOWS, windowBlocks, withFittingWindow } from './article-window';

/** Title: one short line for the figure after a paragraph, constrained to a quoted line. */
export async function titleSlot(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  earlierTitles: readonly string[],
  options: StepOptions & { slot?: number; slots?: number },
): Promise<string> {
  let tokens = 0;
  const result = await withFittingWindow(SLOT_WINDOWS, (window) => model.ask(titlePrompt(windowBlocks(blocks, window, paragraphIndex), paragraphIndex, earlierTitles), {
    sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'title', paragraphIndex) },
    maxTokens: 200,
    constraint: { type: 'grammar', grammar: quotedLine(TITLE_MAX_CHARS) },
    signal: options.signal,
    onToken: () => options.onProgress?.({ step: 'title', slot: options.slot, slots: options.slots, tokens: ++tokens }),
  }));
  return result.text.replace(/"$/, '').replace(/\s+/g, ' ').trim();
}
