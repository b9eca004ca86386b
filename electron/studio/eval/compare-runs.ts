/**
 * Two runs side by side, overall and per category. Whether a difference is larger than the
 * noise is decided by McNemar's exact test over the items both runs scored: the runs answered
 * the same items, so a paired test sees far smaller differences than comparing two accuracies
 * as if they came from different questions, and it needs no resampling (a paired bootstrap
 * would give the same answer with random error and more time).
 */
import type { EvalResults } from './eval-results';
import { percent } from './results-table';
import type { ItemOutcome } from './score-run';
import { mcnemarExact } from './statistics';

export interface Comparison {
  name: string;
  shared: number;
  accuracyA: number | null;
  accuracyB: number | null;
  onlyA: number;
  onlyB: number;
  pValue: number;
}

export function compareRuns(a: EvalResults, b: EvalResults): Comparison[] {
  const outcomesB = new Map(b.score.itemOutcomes.map((entry) => [entry.item, entry.outcome]));
  const scored = (outcome: ItemOutcome | undefined): boolean => outcome === 'right' || outcome === 'wrong';
  const pairs = a.score.itemOutcomes
    .filter((entry) => scored(entry.outcome) && scored(outcomesB.get(entry.item)))
    .map((entry) => ({ category: entry.category, a: entry.outcome === 'right', b: outcomesB.get(entry.item) === 'right' }));
  const categories = [...new Set(pairs.flatMap((pair) => (pair.category ? [pair.category] : [])))].sort((x, y) => x.localeCompare(y));
  return [
    compare('Overall', pairs),
    ...categories.map((category) =>
      compare(
        category,
        pairs.filter((pair) => pair.category === category),
      ),
    ),
  ];
}

function compare(name: string, pairs: ReadonlyArray<{ a: boolean; b: boolean }>): Comparison {
  const onlyA = pairs.filter((pair) => pair.a && !pair.b).length;
  const onlyB = pairs.filter((pair) => pair.b && !pair.a).length;
  const rate = (right: number): number | null => (pairs.length === 0 ? null : right / pairs.length);
  return {
    name,
    shared: pairs.length,
    accuracyA: rate(pairs.filter((pair) => pair.a).length),
    accuracyB: rate(pairs.filter((pair) => pair.b).length),
    onlyA,
    onlyB,
    pValue: mcnemarExact(onlyA, onlyB),
  };
}

export function comparisonTable(a: EvalResults, b: EvalResults): string {
  const rows = compareRuns(a, b);
  const lines = [
    `## ${a.benchmark.name}: A = ${a.model.name}, B = ${b.model.name}`,
    '',
    '| | shared items | A % | B % | B − A | right only in A / B | p (McNemar, exact) | beyond noise? |',
    '|---|---:|---:|---:|---:|---|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.name.replace(/\|/g, '\\|')} | ${row.shared} | ${percent(row.accuracyA)} | ${percent(row.accuracyB)} | ${difference(row)} | ${row.onlyA} / ${row.onlyB} | ${row.pValue.toFixed(3)} | ${row.pValue < 0.05 ? 'yes' : 'no'} |`,
    ),
    '',
    'Only items both runs scored are compared. "Beyond noise" means p < 0.05 for that row alone; with many categories, expect one in twenty to say yes by chance.',
  ];
  if (a.benchmark.name !== b.benchmark.name)
    lines.push(`Note: the runs are on different files (${a.benchmark.name}, ${b.benchmark.name}).`);
  return `${lines.join('\n')}\n`;
}

function difference(row: Comparison): string {
  if (row.accuracyA === null || row.accuracyB === null) return '–';
  const points = (row.accuracyB - row.accuracyA) * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(1)}`;
}
