import { describe, expect, it } from 'vitest';
import { boundedRange, MAX_TEMPLATE_RANGE } from '../../../native-models/prompts/bounded-range';
import { formatChat, type ChatFormat } from '../../../native-models/prompts/chat-format';

describe("a chat template's range()", () => {
  it('counts as Python and Jinja do', () => {
    expect(boundedRange(4)).toEqual([0, 1, 2, 3]);
    expect(boundedRange(2, 10, 3)).toEqual([2, 5, 8]);
    expect(boundedRange(5, 0, -2)).toEqual([5, 3, 1]);
    expect(boundedRange(3, 1)).toEqual([]);
    expect(() => boundedRange(0, 5, 0)).toThrow(/step must not be zero/);
  });

  it('refuses more numbers than a chat template needs, before making the list', () => {
    expect(boundedRange(MAX_TEMPLATE_RANGE)).toHaveLength(MAX_TEMPLATE_RANGE);
    expect(() => boundedRange(1_000_000_000)).toThrow(/range\(\) of 1000000000 numbers: a chat template gets at most 1,000,000/);
    expect(() => boundedRange(0, Infinity)).toThrow(/finite/);
  });

  it("is the range a model file's template gets, beside the other globals chat templates use", async () => {
    // The template library refuses to declare a global twice ("Variable already declared: range"):
    // passed in the render's variables, every template failed and was set aside (the CI run of 3c6e0be).
    const format: ChatFormat = {
      kind: 'gguf-template',
      template:
        "{% for i in range(3) %}{{ i }}{% endfor %}|{{ true }}{{ None is none }}|{{ strftime_now('%Y') }}|{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}",
      turnStart: '<|im_start|>',
      turnEnd: '<|im_end|>',
    } as ChatFormat;
    const parts = await formatChat(format, { turns: [{ role: 'user', content: 'Hello there' }] } as Parameters<typeof formatChat>[1]);
    const text = parts.map((part) => ('text' in part ? part.text : '')).join('');
    expect(text).toBe(`012|truetrue|${new Date().getFullYear()}|<user>Hello there`);
  }, 30_000);

  it("is the range a model file's template gets: a template looping a billion times is set aside for the model's own turns", async () => {
    const format: ChatFormat = {
      kind: 'gguf-template',
      template: "{% for i in range(1000000000) %}{% endfor %}{% for m in messages %}<{{ m['role'] }}>{{ m['content'] }}{% endfor %}",
      turnStart: '<|im_start|>',
      turnEnd: '<|im_end|>',
    } as ChatFormat;
    const parts = await formatChat(format, { turns: [{ role: 'user', content: 'Hello there' }] } as Parameters<typeof formatChat>[1]);
    const text = parts.map((part) => ('text' in part ? part.text : '')).join('');
    expect(text).toContain('<|im_start|>user\nHello there');
  }, 30_000);
});
