/**
 * Scores a run from its answers: an item is right only when every question in it (every
 * rotation, in circular mode) was answered with the right letter; an item with a skipped
 * question is skipped, with that question's reason, and not scored either way.
 */
import type { AnswerRecord } from './answer-log';
import type { EvalPlan, PlannedItem } from './eval-plan';
import { wilsonInterval } from './statistics';

export type ItemOutcome = 'right' | 'wrong' | 'skipped' | 'pending';

export interface Score {
  items: number;
  scored: number;
  right: number;
  /** right / scored, or null before anything is scored. */
  accuracy: number | null;
  interval95: [number, number];
}

interface CategoryScore extends Score {
  name: string;
}

export interface RunScore {
  overall: Score;
  categories: CategoryScore[];
  l2Categories: CategoryScore[];
  /** Items by outcome, and skipped items by reason. */
  outcomes: Record<ItemOutcome, number>;
  skippedItems: Record<string, number>;
  questions: { planned: number; asked: number; answered: number; skipped: Record<string, number> };
  /** Each item's outcome, keyed by item, for comparing runs. */
  itemOutcomes: Array<{ item: number; outcome: ItemOutcome; category?: string }>;
}

function itemOutcome(item: PlannedItem, answers: ReadonlyMap<number, AnswerRecord>): { outcome: ItemOutcome; reason?: string } {
  const records = item.questions.map((question) => answers.get(question.id));
  const skipped = records.find((record) => record?.skipped);
  if (skipped?.skipped) return { outcome: 'skipped', reason: skipped.skipped };
  if (records.some((record) => record === undefined)) return { outcome: 'pending' };
  // The right letter is the benchmark file's: an answers log is only the model's letters (an edited one scored 100 %).
  return { outcome: item.questions.every((question, at) => records[at]?.letter === question.expected) ? 'right' : 'wrong' };
}

export function scoreRun(plan: EvalPlan, answers: ReadonlyMap<number, AnswerRecord>): RunScore {
  const outcomes: Record<ItemOutcome, number> = { right: 0, wrong: 0, skipped: 0, pending: 0 };
  const skippedItems: Record<string, number> = {};
  const itemOutcomes: RunScore['itemOutcomes'] = [];
  const byCategory = new Map<string, ItemOutcome[]>();
  const byL2 = new Map<string, ItemOutcome[]>();
  for (const item of plan.items) {
    const { outcome, reason } = itemOutcome(item, answers);
    outcomes[outcome] += 1;
    if (reason) skippedItems[reason] = (skippedItems[reason] ?? 0) + 1;
    itemOutcomes.push({ item: item.key, outcome, ...(item.category ? { category: item.category } : {}) });
    if (item.category) byCategory.set(item.category, [...(byCategory.get(item.category) ?? []), outcome]);
    if (item.l2Category) byL2.set(item.l2Category, [...(byL2.get(item.l2Category) ?? []), outcome]);
  }
  const questions = { planned: plan.questionCount, asked: 0, answered: 0, skipped: {} as Record<string, number> };
  for (const item of plan.items) {
    for (const question of item.questions) {
      const record = answers.get(question.id);
      if (!record) continue;
      if (record.skipped) questions.skipped[record.skipped] = (questions.skipped[record.skipped] ?? 0) + 1;
      else {
        questions.asked += 1;
        questions.answered += record.letter ? 1 : 0;
      }
    }
  }
  return {
    overall: scoreOf(itemOutcomes.map((entry) => entry.outcome)),
    categories: named(byCategory),
    l2Categories: named(byL2),
    outcomes,
    skippedItems,
    questions,
    itemOutcomes,
  };
}

function scoreOf(outcomes: readonly ItemOutcome[]): Score {
  const right = outcomes.filter((outcome) => outcome === 'right').length;
  const scored = right + outcomes.filter((outcome) => outcome === 'wrong').length;
  return {
    items: outcomes.length,
    scored,
    right,
    accuracy: scored === 0 ? null : right / scored,
    interval95: wilsonInterval(right, scored),
  };
}

function named(groups: Map<string, ItemOutcome[]>): CategoryScore[] {
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, outcomes]) => ({ name, ...scoreOf(outcomes) }));
}
