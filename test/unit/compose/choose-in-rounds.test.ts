import { describe, expect, it } from 'vitest';
import { chooseInRounds } from '../../../electron/studio/compose/choose-candidate';

/** A judge that always prefers the highest-numbered candidate, recording each group it saw. */
function judge() {
  const groups: number[][] = [];
  const ask = async (group: readonly number[]): Promise<number> => {
    groups.push([...group]);
    return group.indexOf(Math.max(...group));
  };
  return { groups, ask };
}

describe('choosing in rounds', () => {
  it('asks once when every candidate fits one question', async () => {
    const { groups, ask } = judge();
    expect(await chooseInRounds(4, 4, ask, () => 0)).toBe(3);
    expect(groups).toEqual([[0, 1, 2, 3]]);
  });

  it('asks pairs, then the winners, and finds the same favourite', async () => {
    const { groups, ask } = judge();
    expect(await chooseInRounds(4, 2, ask, () => 0)).toBe(3);
    expect(groups).toEqual([
      [0, 1],
      [2, 3],
      [1, 3],
    ]);
  });

  it('lets a candidate without a partner through without a question', async () => {
    const { groups, ask } = judge();
    expect(await chooseInRounds(5, 2, ask, () => 0)).toBe(4);
    expect(groups).toEqual([
      [0, 1],
      [2, 3],
      [1, 3],
      [3, 4],
    ]);
  });

  it('gives each question its own seed', async () => {
    const seeds: number[] = [];
    await chooseInRounds(
      4,
      2,
      async (_group, seed) => (seeds.push(seed), 0),
      (round, group) => round * 10 + group,
    );
    expect(seeds).toEqual([0, 1, 10]);
  });
});
