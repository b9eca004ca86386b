import { DECIDING_SAMPLING } from '../../../native-models/prompts/sampling-defaults';
import { oneOf } from './prompts/gbnf';
import { CANDIDATE_LABELS, type PlacedPicture } from './prompts/choose-prompt';
import type { ArticleBlock } from './prompts/article-text';
import type { ComposeModel, ImageCandidate, StepOptions } from './compose-types';
import type { ModelPrompt } from './prompt-families/prompt-family';
import { stepSeed } from './step-seed';
import { SLOT_WINDOWS, windowBlocks, type ArticleWindow } from './article-window';
import { firstThatFits, isPromptTooLong } from './first-that-fits';

type ChooseOptions = StepOptions & { slot?: number; slots?: number };

interface ChooseView {
  window: ArticleWindow;
  /** Whether the pictures chosen so far are shown in their places (each costs image tokens). */
  showPlaced: boolean;
}

/** Ever smaller questions: less article, then the article without the pictures placed so far. */
const CHOOSE_VIEWS: readonly ChooseView[] = SLOT_WINDOWS.flatMap((window) => [
  { window, showPlaced: true },
  { window, showPlaced: false },
]);

/**
 * Choose: the model looks at the article with the figures chosen so far and at the candidates,
 * and answers one label. One candidate needs no question. When all candidates do not fit the
 * model's context at once, they are asked about in smaller groups and the winners meet in later
 * rounds; when not even two fit, the library's best match is taken without asking.
 */
export async function chooseCandidate(
  model: ComposeModel,
  blocks: readonly ArticleBlock[],
  paragraphIndex: number,
  title: string,
  placed: readonly PlacedPicture[],
  candidates: readonly ImageCandidate[],
  options: ChooseOptions,
): Promise<number> {
  if (candidates.length <= 1) return 0;
  const ask: GroupQuestion = (group, seed) =>
    firstThatFits(CHOOSE_VIEWS, (view) =>
      askOnce(
        model,
        model.family.choose(
          windowBlocks(blocks, view.window, paragraphIndex),
          paragraphIndex,
          title,
          view.showPlaced ? placed : [],
          group.map((index) => (candidates[index] as ImageCandidate).image),
        ),
        group.length,
        seed,
        options,
      ),
    );
  for (let perQuestion = Math.min(candidates.length, CANDIDATE_LABELS.length); ; perQuestion = Math.max(2, Math.ceil(perQuestion / 2))) {
    try {
      return await chooseInRounds(candidates.length, perQuestion, ask, (round, group) =>
        round === 0 && perQuestion >= candidates.length
          ? stepSeed(options.seed, 'choose', paragraphIndex)
          : stepSeed(options.seed, `choose:${round}:${group}`, paragraphIndex),
      );
    } catch (error) {
      if (!isPromptTooLong(error)) throw error;
      if (perQuestion === 2) return 0;
    }
  }
}

/** Asks which of the candidates at these indexes fits best; answers a position in `group`. */
type GroupQuestion = (group: readonly number[], seed: number) => Promise<number>;

/**
 * A knockout: the candidates in groups of `perQuestion`, each group's pick going on to the next
 * round, until one is left. A group of one goes on without a question.
 */
export async function chooseInRounds(
  count: number,
  perQuestion: number,
  ask: GroupQuestion,
  seedFor: (round: number, group: number) => number,
): Promise<number> {
  let field = Array.from({ length: count }, (_, index) => index);
  for (let round = 0; field.length > 1; round++) {
    const winners: number[] = [];
    for (let start = 0; start < field.length; start += perQuestion) {
      const group = field.slice(start, start + perQuestion);
      const pick = group.length === 1 ? 0 : await ask(group, seedFor(round, start / perQuestion));
      winners.push(group[pick] ?? (group[0] as number));
    }
    field = winners;
  }
  return field[0] ?? 0;
}

/** A choice's allowance: one label (the time-left estimate's budget for choosing). */
export const CHOOSE_MAX_TOKENS = 10;

async function askOnce(model: ComposeModel, prompt: ModelPrompt, count: number, seed: number, options: ChooseOptions): Promise<number> {
  const labels = CANDIDATE_LABELS.slice(0, count);
  const result = await model.ask(prompt, {
    sampling: { ...DECIDING_SAMPLING, ...options.sampling, seed },
    maxTokens: CHOOSE_MAX_TOKENS,
    constraint: { type: 'grammar', grammar: oneOf(labels) },
    signal: options.signal,
    onToken: () => options.onProgress?.({ step: 'choose', slot: options.slot, slots: options.slots, tokens: 1 }),
  });
  const index = labels.indexOf(result.text.trim() as (typeof labels)[number]);
  // The grammar allows nothing else; a cut-off answer takes the first, as the reference does.
  return index >= 0 ? index : 0;
}
