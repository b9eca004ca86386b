import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { oneOf } from '../../../native-models/prompts/compose/gbnf';
import { CANDIDATE_LABELS, choosePrompt, type PlacedPicture } from '../../../native-models/prompts/compose/choose-prompt';
import type { ArticleBlock } from '../../../native-models/prompts/compose/article-text';
import type { ComposeModel, ImageCandidate, StepOptions } from './compose-types';
import { stepSeed } from './step-seed';
import { SLOT_WINDOWS, windowBlocks, withFittingWindow } from './article-window';

/**
 * Choose: the model looks at the article with the figures chosen so far and at the candidates,
 * and answers one label. One candidate needs no question.
 */
export async function chooseCandidate(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  title: string,
  placed: readonly PlacedPicture[],
  candidates: readonly ImageCandidate[],
  options: StepOptions & { slot?: number; slots?: number },
): Promise<number> {
  if (candidates.length <= 1) return 0;
  const labels = CANDIDATE_LABELS.slice(0, candidates.length);
  const result = await withFittingWindow(SLOT_WINDOWS, (window) => model.ask(
    choosePrompt(windowBlocks(blocks, window, paragraphIndex), paragraphIndex, title, placed, candidates.map((candidate) => candidate.image)),
    {
      sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed: stepSeed(options.seed, 'choose', paragraphIndex) },
      maxTokens: 10,
      constraint: { type: 'grammar', grammar: oneOf(labels) },
      signal: options.signal,
      onToken: () => options.onProgress?.({ step: 'choose', slot: options.slot, slots: options.slots, tokens: 1 }),
    },
  ));
  const index = labels.indexOf(result.text.trim() as (typeof labels)[number]);
  return index >= 0 ? index : 0;
}
