import { describe, expect, it } from 'vitest';
import { placeFigures } from '../../../electron/studio/compose/place-figures';
import type { ComposeModel } from '../../../electron/studio/compose/compose-types';
import { splitArticle } from '../../../electron/studio/compose/split-article';
import { studioFamily } from '../../../electron/studio/compose/prompt-families/studio/studio-family';
import { INTERNLM2_FORMAT } from '../../../native-models/prompts/chat-format';

const blocks = splitArticle('# One\n\nfirst\n\nsecond\n\n## Two\n\nthird\n\nfourth\n\nfifth\n\n');

/** A model that always answers the same text. */
function answering(text: string): ComposeModel {
  return { family: studioFamily(INTERNLM2_FORMAT), ask: async () => ({ text }) as Awaited<ReturnType<ComposeModel['ask']>> };
}

describe('placing figures', () => {
  it('keeps the distinct positions the model chose, in order', async () => {
    expect(await placeFigures(answering('{"figures": [3, 1]}'), blocks, 2, { seed: 1 })).toEqual([1, 3]);
  });

  it('keeps the asked-for count when the model repeats a paragraph', async () => {
    const positions = await placeFigures(answering('{"figures": [2, 2, 2]}'), blocks, 3, { seed: 1 });
    expect(positions).toHaveLength(3);
    expect(new Set(positions).size).toBe(3);
    expect(positions).toContain(2);
    expect(positions.every((index) => index >= 0 && index < 5)).toBe(true);
  });

  it('never asks for more figures than there are paragraphs', async () => {
    expect(await placeFigures(answering('{"figures": [0, 0]}'), splitArticle('only one paragraph'), 4, { seed: 1 })).toEqual([0]);
  });

  it('leaves an automatic count to the model', async () => {
    expect(await placeFigures(answering('{"figures": [4, 4]}'), blocks, null, { seed: 1 })).toEqual([4]);
  });
});
