import { describe, expect, it } from 'vitest';
import { secondsLeft } from '../../../electron/studio/compose/seconds-left';
import { composeWorkLeft, type ComposePlan } from '../../../electron/studio/compose/compose-work-left';

const SPEEDS = { promptPerSecond: 60, decodePerSecond: 15, secondsPerPicture: 2 };

describe('secondsLeft: the time left from measured speeds and the work left', () => {
  it('adds reading the prompts, generating the tokens and encoding the pictures', () => {
    expect(secondsLeft(SPEEDS, { promptTokens: 600, decodeTokens: 300, pictures: 5 })).toBeCloseTo(600 / 60 + 300 / 15 + 5 * 2);
    expect(secondsLeft(SPEEDS, { promptTokens: 0, decodeTokens: 0, pictures: 0 })).toBe(0);
  });

  it('halves when the engine runs twice as fast', () => {
    const work = { promptTokens: 1200, decodeTokens: 90, pictures: 0 };
    const slow = secondsLeft(SPEEDS, work) as number;
    const fast = secondsLeft({ ...SPEEDS, promptPerSecond: 120, decodePerSecond: 30 }, work) as number;
    expect(fast).toBeCloseTo(slow / 2);
  });

  it('says nothing while a speed the work needs is not measured', () => {
    expect(secondsLeft({ ...SPEEDS, decodePerSecond: null }, { promptTokens: 10, decodeTokens: 5, pictures: 0 })).toBeNull();
    expect(secondsLeft({ ...SPEEDS, promptPerSecond: null }, { promptTokens: 10, decodeTokens: 5, pictures: 0 })).toBeNull();
    expect(secondsLeft({ ...SPEEDS, decodePerSecond: 0 }, { promptTokens: 10, decodeTokens: 5, pictures: 0 })).toBeNull();
    // What is not needed need not be measured.
    expect(secondsLeft({ ...SPEEDS, promptPerSecond: null }, { promptTokens: 0, decodeTokens: 30, pictures: 0 })).toBe(2);
  });

  it('counts a picture only for its positions until an encoding has been measured', () => {
    expect(secondsLeft({ ...SPEEDS, secondsPerPicture: null }, { promptTokens: 120, decodeTokens: 0, pictures: 4 })).toBe(2);
  });
});

const PLAN: ComposePlan = {
  writeBudget: 400,
  figures: 2,
  candidatesPerSlot: 4,
  picturePositions: 64,
  promptOverhead: 100,
  measured: {},
};

describe('composeWorkLeft: what is left of a compose from where it is', () => {
  it('while writing: the rest of the budget, then placing and every figure at their budgets, the article as long as the budget', () => {
    const work = composeWorkLeft(PLAN, { step: 'write', tokens: 100, articleTokens: 100 });
    const read = 100 + 400; // the instructions and the article, for every later step
    expect(work).toEqual({
      // place, then per figure title, choose (4 candidates, + the picture placed before for the 2nd), caption (1 picture)
      promptTokens: read + 2 * (read + read + read) + (4 * 64 + 5 * 64) + 2 * 64,
      decodeTokens: 300 + 200 + 2 * (200 + 10 + 160),
      pictures: 4 + 5 + 2,
    });
  });

  it('takes what the steps measured over their budgets, and nothing more of a step that has started', () => {
    const plan: ComposePlan = {
      ...PLAN,
      measured: { title: { promptTokens: 50, decodeTokens: 12 }, choose: { promptTokens: 300, decodeTokens: 1 } },
    };
    // Figure 1's title has written 5 tokens: its prompt is read; 7 of its measured 12 tokens are left.
    const work = composeWorkLeft(plan, { step: 'title', slot: 1, tokens: 5, articleTokens: 250 });
    const caption = 100 + 250 + 64;
    expect(work).toEqual({
      promptTokens: 300 + caption + (50 + 300 + caption),
      decodeTokens: 7 + 1 + 160 + (12 + 1 + 160),
      pictures: 4 + 1 + (5 + 1),
    });
  });

  it('between steps of a figure: the library search leaves choosing and captioning; the last caption leaves only itself', () => {
    const searching = composeWorkLeft(PLAN, { step: 'retrieve', slot: 2, tokens: 0, articleTokens: 250 });
    expect(searching?.pictures).toBe(5 + 1);
    expect(searching?.decodeTokens).toBe(10 + 160);
    const captioning = composeWorkLeft(PLAN, { step: 'caption', slot: 2, tokens: 40, articleTokens: 250 });
    expect(captioning).toEqual({ promptTokens: 0, decodeTokens: 120, pictures: 0 });
    expect(composeWorkLeft(PLAN, { step: 'caption', slot: 2, tokens: 200, articleTokens: 250 })).toEqual({
      promptTokens: 0,
      decodeTokens: 0,
      pictures: 0,
    });
  });

  it('no figures: writing is all there is; an edit is no compose', () => {
    expect(composeWorkLeft({ ...PLAN, figures: 0 }, { step: 'write', tokens: 0, articleTokens: 0 })).toEqual({
      promptTokens: 0,
      decodeTokens: 400,
      pictures: 0,
    });
    expect(composeWorkLeft(PLAN, { step: 'edit', tokens: 3, articleTokens: 0 })).toBeNull();
  });
});
