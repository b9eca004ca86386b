/**
 * Every prompt of the XComposer2 family against the original code's token sequence, with
 * add_dummy_prefix on and off. The original sequences come from the independent reference
 * (test/fixtures/xcomposer2/reference_forward.py --ids-only: chat()'s wrapping, the demo's
 * interleav_wrap, VLMEvalKit's model_gen, tokenised by the sentencepiece library); the prompt
 * texts handed to it are written here from the released files' formulas (the demo's
 * text2instruction, generate_loc, generate_cap, model_select_image, paragraph_edit; VLMEvalKit's
 * build_mcqa), not by the family. What Folio sends is read as the engine reads it (sentSequence).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { splitArticle } from '../../../../electron/studio/compose/split-article';
import { xcomposer2Family } from '../../../../electron/studio/compose/prompt-families/xcomposer2/xcomposer2-family';
import type { ModelPrompt, PromptFamily } from '../../../../electron/studio/compose/prompt-families/prompt-family';
import { parseOutline } from '../../../../electron/studio/compose/prompts/outline';
import { ModelVocabulary } from '../../../../native-models/tokenizer/model-vocabulary';
import { fixture } from '../../../helpers/fixture-paths';
import { convertedTokenizerFacts, originalSequence, sentSequence } from '../../../helpers/xcomposer2-vocabulary';
import { XCOMPOSER2_FIXTURE } from '../../../fixtures/xcomposer2-checkpoint';

const picture = { bytes: new Uint8Array([1]), mimeType: 'image/png' };
const QUESTION = 'What is in this picture?';
const user = (text: string, answerPrefix = ''): string =>
  `[UNUSED_TOKEN_146]user\n${text}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n${answerPrefix}`;
const blocks = splitArticle('The harbour wakes.\n\nBoats go out to sea.\n\nThe town sleeps.\n\n');
const lines = ['<Seg0> The harbour wakes.\n', '<Seg1> Boats go out to sea.\n', '<Seg2> The town sleeps.\n'];

describe.each([
  ['on', XCOMPOSER2_FIXTURE.bin],
  ['off', XCOMPOSER2_FIXTURE.binNoPrefix],
])('the XComposer2 family with add_dummy_prefix %s', (setting, folder) => {
  const checkpoint = fixture(`xcomposer2/${folder}`);
  let vocabulary: ModelVocabulary;
  let family: PromptFamily;
  beforeAll(() => {
    vocabulary = ModelVocabulary.from(convertedTokenizerFacts(checkpoint)) as ModelVocabulary;
    family = xcomposer2Family(vocabulary, 28);
  });
  const sent = async (prompt: ModelPrompt): Promise<number[]> => sentSequence(vocabulary, await prompt.parts());

  it('asks about a picture as chat() does, and sends ids exactly where llama.cpp would differ', async () => {
    const prompt = family.ask({ question: QUESTION, images: [picture] });
    expect(await sent(prompt)).toEqual(await originalSequence(checkpoint, `<ImageHere>${QUESTION}`, 'chat'));
    // Two BOS: one before the system turn, one after the picture.
    expect((await sent(prompt)).filter((id) => id === 1)).toHaveLength(2);
    expect((await prompt.parts()).some((part) => part.type === 'tokens')).toBe(setting === 'on');
  }, 60_000);

  it('asks a text-only question as build_inputs does: a BOS and a literal <s>', async () => {
    const prompt = family.ask({ question: QUESTION });
    const original = await originalSequence(checkpoint, QUESTION, 'chat');
    expect(original.slice(0, 2)).toEqual([1, 1]);
    expect(await sent(prompt)).toEqual(original);
  }, 60_000);

  it('asks about two pictures with the article as context', async () => {
    const document = 'Harbour towns wake early.';
    const prompt = family.ask({ question: QUESTION, images: [picture, picture], document });
    expect(await sent(prompt)).toEqual(
      await originalSequence(checkpoint, `<ImageHere><ImageHere>Here is the article I am writing:\n${document}\n\n${QUESTION}`, 'chat'),
    );
  }, 60_000);

  it('writes, places, titles and chooses as the composition demo does', async () => {
    const outline = parseOutline('# Harbours\n## Boats');
    // generate_article: '<image> ' per upload, stripped, before the instruction.
    expect(await sent(family.write(outline, [picture, picture]))).toEqual(
      await originalSequence(checkpoint, user(`<image> <image>${outline.text}`), 'composition'),
    );
    // generate_loc: '<image> ' per upload, the tagged article, the count; answer pre-started.
    expect(await sent(family.place(blocks, 2, [picture]).prompt)).toEqual(
      await originalSequence(
        checkpoint,
        user(`<image> 给定文章"${lines.join('')}" 根据上述文章，选择适合插入图像的2行`, '适合插入图像的行是'),
        'composition',
      ),
    );
    // generate_cap: the article to one paragraph past the slot, the earlier titles.
    const past = '现在<Seg0>后插入图像对应的标题是"a quay"。';
    expect(await sent(family.title(blocks, 1, [{ afterParagraph: 0, title: 'a quay' }]))).toEqual(
      await originalSequence(
        checkpoint,
        user(`给定文章"${lines.slice(0, 3).join('')}" ${past}给出适合在<Seg1>后插入的图像对应的标题。`, '标题是"'),
        'composition',
      ),
    );
    // model_select_image: the text in chunks split after each chosen place, the earlier pick between them, then the candidates.
    const choose = family.choose(blocks, 2, 'the town', [{ afterParagraph: 0, image: picture }], [picture, picture]);
    const text = `根据给定上下文和候选图像，选择合适的配图：${['The harbour wakes.\n', 'Boats go out to sea.\nThe town sleeps.\n'].join('<image>')}候选图像包括: ${['A.<image>', 'B.<image>'].join('\n')}`;
    expect(await sent(choose)).toEqual(await originalSequence(checkpoint, user(text, '最合适的图是'), 'composition'));
  }, 300_000);

  it('edits a paragraph with the demo’s own instructions', async () => {
    const request = { article: '', paragraph: 'Boats go out.', previous: 'The harbour wakes.', next: 'The town sleeps.' };
    const cases = [
      [{ kind: 'expand', material: 'nets' }, '扩写以下段落：Boats go out.\n基于以下素材：nets'],
      [{ kind: 'rewrite' }, '改写以下段落：Boats go out.\n基于以下素材：'],
      [{ kind: 'shorten' }, '缩写以下段落：Boats go out.'],
      [
        { kind: 'insert-before', outline: 'gulls' },
        '在以下两段中插入一段。\n第一段：The harbour wakes.\n第二段：Boats go out.\n插入段的大纲：gulls',
      ],
      [
        { kind: 'insert-after', outline: 'gulls' },
        '在以下两段中插入一段。\n第一段：Boats go out.\n第二段：The town sleeps.\n插入段的大纲：gulls',
      ],
    ] as const;
    for (const [edit, instruction] of cases)
      expect(await sent(family.edit({ ...request, edit }))).toEqual(await originalSequence(checkpoint, user(instruction), 'composition'));
  }, 300_000);

  it('asks a benchmark question as VLMEvalKit does: BOS, the picture, the prompt without a BOS', async () => {
    const question = family.evalQuestion({
      question: 'Which boat is red?',
      options: [
        { letter: 'A', text: 'the first' },
        { letter: 'B', text: 'the second' },
      ],
      picture,
    });
    const text = user('Question: Which boat is red?\nContext: N/A\nOptions: A. the first B. the second', 'The answer is');
    expect(await sent(question.prompt)).toEqual(await originalSequence(checkpoint, text, 'vlmeval'));
    expect(question.read(' B')).toBe('B');
    expect(question.read('C')).toBe('');
  }, 60_000);
});
