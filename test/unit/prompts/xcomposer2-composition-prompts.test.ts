import { describe, expect, it } from 'vitest';
import { splitArticle } from '../../../electron/studio/compose/split-article';
import { isXComposer2 } from '../../../electron/studio/compose/prompt-families/pick-prompt-family';
import {
  parseSegmentTags,
  xcomposerChoosePrompt,
  xcomposerPlaceGrammar,
  xcomposerPlacePrompt,
  xcomposerTitlePrompt,
} from '../../../electron/studio/compose/prompt-families/xcomposer2/composition-prompts';

const blocks = splitArticle('First paragraph.\n\nSecond one.\n\nThird here.\n\n');
const picture = { bytes: Buffer.from('x'), mimeType: 'image/png' };

describe('XComposer2 prompts', () => {
  it('is chosen for a converted XComposer2 or a GGUF named so, not for 2.5 or other models', () => {
    expect(isXComposer2({ family: 'internlm-xcomposer2' })).toBe(true);
    expect(isXComposer2({ name: 'InternLM-XComposer2 7B' })).toBe(true);
    expect(isXComposer2({ name: 'internlm-xcomposer2d5-7b' })).toBe(false);
    expect(isXComposer2({ name: 'Qwen2.5-VL 7B' })).toBe(false);
  });

  it('asks where pictures go with the tagged article and a pre-started answer, no system turn', () => {
    const prompt = xcomposerPlacePrompt(blocks, 2, []);
    expect(prompt.turns).toEqual([
      {
        role: 'user',
        content: ['给定文章"<Seg0> First paragraph.\n<Seg1> Second one.\n<Seg2> Third here.\n" 根据上述文章，选择适合插入图像的2行'],
      },
    ]);
    expect(prompt.answerPrefix).toBe('适合插入图像的行是');
    expect(xcomposerPlacePrompt(blocks, null, []).turns[0]?.content).toEqual([
      '给定文章"<Seg0> First paragraph.\n<Seg1> Second one.\n<Seg2> Third here.\n" 根据上述文章，选择适合插入图像的行',
    ]);
    expect(xcomposerPlaceGrammar(2)).toContain('root ::= seg (sep seg){1}');
    expect(parseSegmentTags('<Seg0>, <Seg12>、<Seg2>')).toEqual([0, 12, 2]);
  });

  it('titles a slot with the article one paragraph past it and the titles chosen before', () => {
    const prompt = xcomposerTitlePrompt(blocks, 1, [{ afterParagraph: 0, title: 'a harbour' }]);
    expect(prompt.turns[0]?.content).toBe(
      '给定文章"<Seg0> First paragraph.\n<Seg1> Second one.\n<Seg2> Third here.\n" 现在<Seg0>后插入图像对应的标题是"a harbour"。给出适合在<Seg1>后插入的图像对应的标题。',
    );
    expect(prompt.answerPrefix).toBe('标题是"');
  });

  it('chooses among lettered candidates after the text and the pictures chosen so far', () => {
    const prompt = xcomposerChoosePrompt(blocks, 2, [{ afterParagraph: 0, image: picture }], [picture, picture]);
    expect(prompt.turns[0]?.content).toEqual([
      '根据给定上下文和候选图像，选择合适的配图：',
      'First paragraph.\n',
      picture,
      'Second one.\n',
      'Third here.\n',
      '候选图像包括: ',
      'A.',
      picture,
      '\nB.',
      picture,
    ]);
    expect(prompt.answerPrefix).toBe('最合适的图是');
  });
});
