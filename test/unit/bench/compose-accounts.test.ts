/**
 * bench:compose's minimal run, on sequences written out by hand: a call reuses the longest prefix
 * it shares with any earlier prompt and answer (not only the last), always evaluates at least one
 * position, reuses a picture only whole, and encodes each distinct picture once.
 */
import { describe, expect, it } from 'vitest';
import { minimalPerCall } from '../../../bench/compose/compose-accounts';
import type { ModelCall } from '../../../bench/compose/model-call-ledger';

/** A call whose prompt is `prompt` (pictures as negative ids, 2 positions each here) and answer `answer`. */
function call(prompt: number[], answer: number[] = []): ModelCall {
  const pictures = new Set(prompt.filter((id) => id < 0)).size;
  return {
    step: 'test',
    figure: null,
    wallMs: 0,
    evaluated: prompt.length,
    cached: 0,
    generated: answer.length,
    promptMs: 0,
    decodeMs: 0,
    textPositions: prompt.filter((id) => id >= 0).length,
    tokensPerPicture: 2,
    pictures,
    picturesDecoded: pictures,
    picturesEncoded: pictures,
    pictureChunksEncoded: null,
    sequence: [...prompt, ...answer],
    promptLength: prompt.length,
  };
}

describe('minimalPerCall', () => {
  it('reuses the longest prefix shared with any earlier call, answers included', () => {
    const [first, second, third] = minimalPerCall([
      call([1, 2, 3, 4], [5, 6]),
      call([1, 9, 9]),
      // Shares [1, 2, 3, 4, 5] with the first call's prompt and answer, only [1] with the last.
      call([1, 2, 3, 4, 5, 7]),
    ]);
    expect(first).toMatchObject({ evaluated: 4, cached: 0 });
    expect(second).toMatchObject({ evaluated: 2, cached: 1 });
    expect(third).toMatchObject({ evaluated: 1, cached: 5, generated: 0 });
  });

  it('evaluates at least one position of a prompt seen before', () => {
    const [, again] = minimalPerCall([call([1, 2, 3]), call([1, 2, 3])]);
    expect(again).toMatchObject({ evaluated: 1, cached: 2 });
  });

  it('reuses a picture only whole and encodes each distinct picture once', () => {
    const [first, second] = minimalPerCall([call([1, -1, -1, 2, -2, -2]), call([1, -1, -1, 3, -2, -2])]);
    expect(first).toMatchObject({ picturesEncoded: 2, evaluatedPicture: 4, evaluatedText: 2 });
    // Picture -2 sits at a new position: its positions are evaluated again, but it is not encoded again.
    expect(second).toMatchObject({ cached: 3, evaluatedPicture: 2, evaluatedText: 1, picturesEncoded: 0 });
    // A shared prefix ending inside a picture (the same picture twice in a row, the second one differing after).
    const [, cut] = minimalPerCall([call([1, -1, -1, -1, -1]), call([1, -1, -1, -1, -1, 4])]);
    expect(cut?.cached).toBe(5);
    const [, inside] = minimalPerCall([call([1, -1, -1, 5]), call([1, -1, -1, -1, -1])]);
    expect(inside).toMatchObject({ cached: 3, evaluatedPicture: 2 });
  });
});
