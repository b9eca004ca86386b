import { describe, expect, it } from 'vitest';
import { INTERNLM2_FORMAT, chatFormatFor, formatChat } from '../../../native-models/prompts/chat-format';

const VOCAB = ['<unk>', '<s>', '</s>', '[UNUSED_TOKEN_146]', '[UNUSED_TOKEN_145]'];
const CHATML_TEMPLATE =
  "{{ bos_token }}{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>' + '\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

describe('chat format', () => {
  it('writes the InternLM2 / XComposer2 format when the model has no template', async () => {
    const format = await chatFormatFor({ tokens: VOCAB, bosTokenId: 1, eosTokenId: 2 });
    expect(format.kind).toBe('internlm2');
    const parts = await formatChat(format, {
      turns: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect(parts).toEqual([
      {
        type: 'text',
        text: '[UNUSED_TOKEN_146]system\nBe brief.[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]user\nHi[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n',
      },
    ]);
  });

  it('pre-starts the answer after the assistant header', async () => {
    const parts = await formatChat(INTERNLM2_FORMAT, { turns: [{ role: 'user', content: 'Title?' }], answerPrefix: '"' });
    expect(parts.at(-1)).toEqual({
      type: 'text',
      text: '[UNUSED_TOKEN_146]user\nTitle?[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n"',
    });
  });

  it('uses <|im_start|> / <|im_end|> when the vocabulary renders the turn tokens that way', async () => {
    const format = await chatFormatFor({ tokens: ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'] });
    expect(format).toMatchObject({ kind: 'internlm2', turnStart: '<|im_start|>', turnEnd: '<|im_end|>' });
  });

  it("prefers the GGUF's own template, without doubling the BOS token", async () => {
    const format = await chatFormatFor({
      tokens: ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'],
      chatTemplate: CHATML_TEMPLATE,
      bosTokenId: 1,
    });
    expect(format.kind).toBe('gguf-template');
    const [part] = await formatChat(format, { turns: [{ role: 'user', content: 'Hi' }], answerPrefix: 'Sure' });
    expect(part).toEqual({ type: 'text', text: '<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nSure' });
  });

  it('falls back to InternLM2 when the template does not render', async () => {
    const format = await chatFormatFor({ tokens: VOCAB, chatTemplate: '{% for x in %}broken' });
    expect(format.kind).toBe('internlm2');
  });

  it('keeps images in place, in order, through a template', async () => {
    const format = await chatFormatFor({ tokens: ['<unk>', '<s>', '</s>', '<|im_start|>', '<|im_end|>'], chatTemplate: CHATML_TEMPLATE });
    const first = { path: '/a.png' };
    const second = { bytes: new Uint8Array([1, 2, 3]) };
    const parts = await formatChat(format, { turns: [{ role: 'user', content: ['A.', first, ' B.', second, ' Which?'] }] });
    expect(parts).toEqual([
      { type: 'text', text: '<|im_start|>user\nA.' },
      { type: 'image', image: first },
      { type: 'text', text: ' B.' },
      { type: 'image', image: second },
      { type: 'text', text: ' Which?<|im_end|>\n<|im_start|>assistant\n' },
    ]);
  });
});
