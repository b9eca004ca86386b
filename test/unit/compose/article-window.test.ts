import { describe, expect, it } from 'vitest';
import { windowBlocks } from '../../../electron/studio/compose/article-window';
import { firstThatFits } from '../../../electron/studio/compose/first-that-fits';
import { splitArticle } from '../../../electron/studio/compose/split-article';
import { ModelError } from '../../../native-models/errors';

const blocks = splitArticle('# One\n\nfirst para here\n\nsecond para\n\n## Two\n\nthird para has many words in it\n\nfourth\n\n');

describe('article windows', () => {
  it('shows the paragraphs before a slot with the headings among them', () => {
    const shown = windowBlocks(blocks, { before: 1, maxWords: Number.POSITIVE_INFINITY }, 2);
    expect(shown.map((block) => block.text)).toEqual(['second para', 'Two', 'third para has many words in it', 'fourth']);
  });

  it('shortens paragraphs to a number of words', () => {
    const shown = windowBlocks(blocks, { before: Number.POSITIVE_INFINITY, maxWords: 2 });
    expect(shown.find((block) => block.paragraphIndex === 2)?.text).toBe('third para …');
    expect(shown.filter((block) => block.kind === 'paragraph')).toHaveLength(4);
  });

  it('tries smaller windows only while the prompt is too long', async () => {
    const tried: number[] = [];
    const result = await firstThatFits(
      [
        { before: 9, maxWords: 9 },
        { before: 2, maxWords: 9 },
        { before: 1, maxWords: 9 },
      ],
      async (window) => {
        tried.push(window.before);
        if (window.before > 2) throw new ModelError('prompt-too-long', 'too long');
        return 'fits';
      },
    );
    expect(result).toBe('fits');
    expect(tried).toEqual([9, 2]);
    await expect(
      firstThatFits([{ before: 1, maxWords: 1 }], async () => Promise.reject(new ModelError('engine-failed', 'x'))),
    ).rejects.toMatchObject({ code: 'engine-failed' });
  });
});
