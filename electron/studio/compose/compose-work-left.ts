import { CAPTION_MAX_TOKENS } from './caption-figure';
import { CHOOSE_MAX_TOKENS } from './choose-candidate';
import type { ComposeProgress } from './compose-types';

type ComposeStep = ComposeProgress['step'];
import { PLACE_MAX_TOKENS } from './place-figures';
import type { WorkLeft } from './seconds-left';
import { TITLE_MAX_TOKENS } from './title-slot';

/** The steps after writing that ask the model. */
export type LaterStep = 'place' | 'title' | 'choose' | 'caption';

/** One call of a step: prompt positions evaluated, tokens generated. */
export interface StepCost {
  promptTokens: number;
  decodeTokens: number;
}

/** What a compose will do, as known so far. */
export interface ComposePlan {
  /** The writing step's token allowance. */
  writeBudget: number;
  /** Figures to fill: as placed once placing is done; before, as asked (or a guess for 'auto'). */
  figures: number;
  /** Pictures each figure's choice is shown. */
  candidatesPerSlot: number;
  /** Positions one picture takes in the context (the projector's); 0 where unknown. */
  picturePositions: number;
  /** Positions of the writing prompt besides the article (instructions, outline): each later step shows as much again. */
  promptOverhead: number;
  /** A call of each later step as measured in this run: replaces the budgets once known. */
  measured: Partial<Record<LaterStep, StepCost>>;
}

/** Where the compose is: the step running, its figure (1-based), its tokens so far, the article's length in tokens. */
export interface ComposeAt {
  step: ComposeStep;
  slot?: number;
  tokens: number;
  articleTokens: number;
}

const FIGURE_STEPS: readonly LaterStep[] = ['title', 'choose', 'caption'];

/**
 * The work left from `at` to the end of the compose: the rest of the step running, then every
 * step still to come. A step not run yet costs its token budget to generate and the article plus
 * the writing prompt's instructions to read, with its pictures; once a step has run, what it
 * measured replaces that (answers are usually far shorter than their budgets, and the prompt
 * cache spares most of the article). Null for a step that is not part of a compose ('edit').
 */
export function composeWorkLeft(plan: ComposePlan, at: ComposeAt): WorkLeft | null {
  if (at.step === 'edit') return null;
  const work: WorkLeft = { promptTokens: 0, decodeTokens: 0, pictures: 0 };
  const add = (cost: WorkLeft, done = 0): void => {
    // A step that has generated tokens has read its prompt and encoded its pictures.
    work.promptTokens += done > 0 ? 0 : cost.promptTokens;
    work.pictures += done > 0 ? 0 : cost.pictures;
    work.decodeTokens += Math.max(0, cost.decodeTokens - done);
  };
  // While writing, the article will be as long as the budget allows, at most.
  const article = at.step === 'write' ? Math.max(plan.writeBudget, at.tokens) : at.articleTokens;
  const cost = (step: LaterStep, slot: number): WorkLeft => stepCost(plan, step, slot, article);
  if (at.step === 'write') add({ promptTokens: 0, decodeTokens: plan.writeBudget, pictures: 0 }, at.tokens);
  // Without figures to fill (no library, no reference pictures) nothing is placed.
  if ((at.step === 'write' && plan.figures > 0) || at.step === 'place') add(cost('place', 0), at.step === 'place' ? at.tokens : 0);
  const current = at.step === 'write' || at.step === 'place' ? 0 : (at.slot ?? 1);
  for (let slot = Math.max(1, current); slot <= plan.figures; slot++) {
    for (const step of FIGURE_STEPS) {
      if (slot === current && stepOrder(step) < stepOrder(at.step)) continue;
      add(cost(step, slot), slot === current && step === at.step ? at.tokens : 0);
    }
  }
  return work;
}

/** 'retrieve' (a library search, no model call) comes between title and choose. */
function stepOrder(step: ComposeStep): number {
  return ['title', 'retrieve', 'choose', 'caption'].indexOf(step);
}

function stepCost(plan: ComposePlan, step: LaterStep, slot: number, article: number): WorkLeft {
  // The choice sees the candidates and the pictures placed before; the caption its picture.
  const pictures = step === 'choose' ? plan.candidatesPerSlot + Math.max(0, slot - 1) : step === 'caption' ? 1 : 0;
  const measured = plan.measured[step];
  if (measured) return { ...measured, pictures };
  const budget = { place: PLACE_MAX_TOKENS, title: TITLE_MAX_TOKENS, choose: CHOOSE_MAX_TOKENS, caption: CAPTION_MAX_TOKENS }[step];
  return { promptTokens: plan.promptOverhead + article + pictures * plan.picturePositions, decodeTokens: budget, pictures };
}
