import { describe, expect, it } from 'vitest';
import type { ComposeModel, ComposeProgress } from '../../../electron/studio/compose/compose-types';
import { composeArticle } from '../../../electron/studio/compose/compose-article';
import { splitArticle } from '../../../electron/studio/compose/split-article';
import { writeArticle } from '../../../electron/studio/compose/write-article';
import { AbortedError, ModelError } from '../../../native-models/errors';
import type { ArticleBlock } from '../../../electron/studio/compose/prompts/article-text';
import { INTERNLM2_FORMAT } from '../../../native-models/prompts/chat-format';
import { studioFamily } from '../../../electron/studio/compose/prompt-families/studio/studio-family';

/**
 * A model that streams each scripted answer a character at a time; an answer may end in a stop
 * (cancel) or a failure after some of its characters, as a real engine's does.
 */
function streaming(...answers: Array<{ text: string; endsAfter?: number; failure?: Error }>): ComposeModel {
  return {
    family: studioFamily(INTERNLM2_FORMAT),
    ask: async (_prompt, options) => {
      const answer = answers.shift() ?? { text: '' };
      const shown = answer.endsAfter ?? answer.text.length;
      for (const character of answer.text.slice(0, shown)) options?.onToken?.(character);
      if (answer.endsAfter !== undefined) throw answer.failure ?? new AbortedError();
      return { text: answer.text } as Awaited<ReturnType<ComposeModel['ask']>>;
    },
  };
}

const OUTLINE = '# A day on the coast\n## Morning\n## Noon';
const FIRST = '# A day on the coast\n\nSalt in the air.\n\n## Morning\n\nBoats go out early.\n\n## Noon\n\nNets dry.\n\n';
const shape = (blocks: ArticleBlock[]) => blocks.map((block) => (block.kind === 'heading' ? `h${block.level} ${block.text}` : block.text));

async function write(model: ComposeModel) {
  let streamed = '';
  const onProgress = (step: ComposeProgress) => (streamed += step.textDelta ?? '');
  const written = await writeArticle(model, { outline: OUTLINE }, { seed: 1, onProgress });
  return { written, streamed };
}

describe('a stopped or failed write keeps what streamed', () => {
  it('keeps exactly the streamed text when stopped anywhere in the answer', async () => {
    for (let endsAfter = 1; endsAfter < FIRST.length; endsAfter += 7) {
      const { written, streamed } = await write(streaming({ text: FIRST, endsAfter }));
      expect(streamed).toBe(FIRST.slice(0, endsAfter));
      expect(written.cancelled).toBe(true);
      // The kept blocks are the streamed text's: nothing lost, nothing added (no missing headings
      // appended); hashes without their heading's words yet are no heading.
      expect(shape(written.blocks)).toEqual(shape(splitArticle(streamed).filter((block) => block.text !== '')));
    }
  });

  it('keeps the article written before a follow-up was stopped, and streams the repeated heading once', async () => {
    const model = streaming(
      { text: '# A day on the coast\n\nSalt in the air.\n\n## Morning\n\n' },
      { text: '## Morning\n\nBoats go out early.\n\n## Noon\n\nNets dry.\n\n', endsAfter: 30 },
    );
    const { written, streamed } = await write(model);
    expect(written.cancelled).toBe(true);
    expect(shape(written.blocks)).toEqual(['h1 A day on the coast', 'Salt in the air.', 'h2 Morning', 'Boats go out early']);
    expect(shape(splitArticle(streamed))).toEqual(shape(written.blocks));
  });

  it('keeps a heading that was shown when a follow-up is stopped while repeating it', async () => {
    const model = streaming(
      { text: '# A day on the coast\n\nSalt.\n\n## Morn' },
      { text: '## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n', endsAfter: 4 },
    );
    const { written, streamed } = await write(model);
    expect(streamed).toBe('# A day on the coast\n\nSalt.\n\n## Morn');
    expect(shape(written.blocks)).toEqual(['h1 A day on the coast', 'Salt.', 'h2 Morn']);
  });

  it('continues a heading cut by the token limit where it was cut', async () => {
    const model = streaming({ text: '# A day on the coast\n\nSalt.\n\n## Morn' }, { text: '## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n' });
    const { written, streamed } = await write(model);
    expect(streamed).toBe('# A day on the coast\n\nSalt.\n\n## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n');
    expect(shape(written.blocks)).toEqual(shape(splitArticle(streamed)));
  });

  it('shows the follow-up, not a character the token limit cut, where a heading was cut (seen with the tiny model)', async () => {
    for (const cutAt of ['## \uFFFD', '## Mor\uFFFD', '##']) {
      const model = streaming(
        { text: `# A day on the coast\n\nSalt.\n\n${cutAt}` },
        { text: '## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n' },
      );
      const { written, streamed } = await write(model);
      expect(streamed.replace(/\s+/g, ' ')).toBe('# A day on the coast Salt. ## Morning Boats. ## Noon Nets. ');
      expect(shape(written.blocks)).toEqual(shape(splitArticle(streamed)));
    }
  });

  it('drops a character cut at the end of a paragraph that a follow-up continues after', async () => {
    const model = streaming(
      { text: '# A day on the coast\n\nSalt in the ai\uFFFD' },
      { text: '## Morning\n\nBoats.\n\n## Noon\n\nNets.\n\n' },
    );
    const { written, streamed } = await write(model);
    expect(streamed).not.toContain('\uFFFD');
    expect(shape(written.blocks)).toEqual(shape(splitArticle(streamed)));
    expect(written.blocks[1]?.text).toBe('Salt in the ai');
  });

  it('keeps the text and names the step when writing fails after text streamed', async () => {
    const failure = new ModelError('host-timed-out', 'The model took too long to answer.');
    const { written, streamed } = await write(streaming({ text: FIRST, endsAfter: 40, failure }));
    expect(written.cancelled).toBe(false);
    expect(shape(written.blocks)).toEqual(shape(splitArticle(streamed)));
    expect(written.problem?.message).toMatch(/^Writing stopped after 40 tokens: The model took too long/);
  });

  it('throws a failure before any text, as before', async () => {
    const failure = new ModelError('host-timed-out', 'too long');
    await expect(write(streaming({ text: FIRST, endsAfter: 0, failure }))).rejects.toThrow('too long');
  });

  it('a compose whose write failed keeps the article as written, reports the problem and places no figures', async () => {
    const failure = new ModelError('host-crashed', 'The model stopped working.');
    const outcome = await composeArticle(streaming({ text: FIRST, endsAfter: 50, failure }), { outline: OUTLINE, figures: 1 }, { seed: 1 });
    expect(outcome.cancelled).toBe(false);
    expect(outcome.draft.blocks.length).toBeGreaterThan(2);
    expect(outcome.writeProblem?.message).toMatch(/^Writing stopped after 50 tokens: The model stopped working/);
    expect(outcome.draft.slots).toEqual([]);
  });

  it('a compose stopped while writing returns the streamed article', async () => {
    const outcome = await composeArticle(streaming({ text: FIRST, endsAfter: 60 }), { outline: OUTLINE, figures: 1 }, { seed: 1 });
    expect(outcome.cancelled).toBe(true);
    expect(shape(outcome.draft.blocks)).toEqual(shape(splitArticle(FIRST.slice(0, 60))));
  });
});

describe('a compose with nothing to choose figures from (issue 23, major 2)', () => {
  it('places no figure and says so, instead of slots that can only stay empty', async () => {
    const outcome = await composeArticle(streaming({ text: FIRST }), { outline: OUTLINE, figures: 3 }, { seed: 1 });
    expect(outcome.noPictures).toBe(true);
    expect(outcome.draft.slots).toEqual([]);
    expect(outcome.problems).toEqual([]);
    expect(shape(outcome.draft.blocks)).toEqual(shape(splitArticle(FIRST)));
  });
});

describe('control characters the model writes (issue 23, minor)', () => {
  it('are neither streamed nor kept in the article', async () => {
    const noisy = FIRST.replace('Salt', 'Sa\u0004lt').replace('Boats', '\u0001Boats\u007f').replace('dry', 'd\u0085ry');
    const { written, streamed } = await write(streaming({ text: noisy }));
    expect(streamed).toBe(FIRST);
    expect(shape(written.blocks)).toEqual(shape(splitArticle(FIRST)));
  });
});
