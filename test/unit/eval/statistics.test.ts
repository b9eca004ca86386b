import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../electron/studio/eval/compare-runs';
import type { EvalResults } from '../../../electron/studio/eval/eval-results';
import type { ItemOutcome } from '../../../electron/studio/eval/score-run';
import { mcnemarExact, wilsonInterval } from '../../../electron/studio/eval/statistics';
import { letterIn } from '../../../electron/studio/compose/prompt-families/studio/eval-question-prompt';

describe('wilsonInterval', () => {
  it('matches the textbook values', () => {
    // 8 of 10: 0.490–0.943 (Wilson 1927; Newcombe 1998, table I).
    const [low, high] = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 3);
    expect(high).toBeCloseTo(0.9433, 3);
    const [zeroLow, zeroHigh] = wilsonInterval(0, 20);
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(0.1611, 3);
  });
});

describe('mcnemarExact', () => {
  it('is the two-sided binomial tail over the disagreements', () => {
    // 1 vs 9 disagreements: 2 · (C(10,0) + C(10,1)) / 2^10 = 22 / 1024.
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 10);
    expect(mcnemarExact(9, 1)).toBeCloseTo(22 / 1024, 10);
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
    // Large counts stay finite: 400 vs 600 is far beyond noise.
    expect(mcnemarExact(400, 600)).toBeLessThan(1e-9);
  });
});

describe('compareRuns', () => {
  const run = (outcomes: Array<[number, ItemOutcome, string]>): EvalResults =>
    ({ score: { itemOutcomes: outcomes.map(([item, outcome, category]) => ({ item, outcome, category })) } }) as unknown as EvalResults;

  it('pairs only the items both runs scored, overall and per category', () => {
    const a = run([
      [1, 'right', 'x'],
      [2, 'right', 'x'],
      [3, 'wrong', 'y'],
      [4, 'skipped', 'y'],
      [5, 'right', 'y'],
    ]);
    const b = run([
      [1, 'right', 'x'],
      [2, 'wrong', 'x'],
      [3, 'right', 'y'],
      [4, 'right', 'y'],
    ]);
    const [overall, x, y] = compareRuns(a, b);
    expect(overall).toMatchObject({ name: 'Overall', shared: 3, onlyA: 1, onlyB: 1, accuracyA: 2 / 3, accuracyB: 2 / 3, pValue: 1 });
    expect(x).toMatchObject({ name: 'x', shared: 2, onlyA: 1, onlyB: 0 });
    expect(y).toMatchObject({ name: 'y', shared: 1, onlyA: 0, onlyB: 1 });
  });
});

describe('letterIn', () => {
  it('reads the option letter from what a server that ignores grammars writes', () => {
    const letters = ['A', 'B', 'C'];
    expect(letterIn('B', letters)).toBe('B');
    expect(letterIn(' C\n', letters)).toBe('C');
    expect(letterIn('(B) a boat', letters)).toBe('B');
    expect(letterIn('B.', letters)).toBe('B');
    expect(letterIn('A boat', letters)).toBe('A');
    expect(letterIn('D', letters)).toBe('');
    expect(letterIn('Boats', letters)).toBe('');
    expect(letterIn('', letters)).toBe('');
  });
});
