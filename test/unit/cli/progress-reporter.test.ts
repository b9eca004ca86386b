import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../../electron/cli/progress-reporter';

/** A stderr that records what was written, a terminal or not. */
function stream(isTTY: boolean): NodeJS.WriteStream & { written: string } {
  const sink = {
    isTTY,
    written: '',
    write(text: string) {
      sink.written += text;
      return true;
    },
  };
  return sink as unknown as NodeJS.WriteStream & { written: string };
}

describe('progressReporter', () => {
  it("off a terminal: a line when the step changes, and the step's figures at most every interval", () => {
    const clock = { now: 0 };
    const out = stream(false);
    const progress = progressReporter(out, { intervalSeconds: 10, now: () => clock.now });
    for (let tokens = 1; tokens <= 300; tokens++) {
      clock.now = tokens * 100; // 10 tokens a second for 30 s
      progress.update('writing the article', tokens / 400, `${tokens} tokens`);
    }
    progress.update('placing figures', undefined, 'about 1 min left');
    progress.update('placing figures', undefined, 'about 1 min left');
    expect(out.written.split('\n').filter(Boolean)).toEqual([
      'writing the article: 1 tokens',
      'writing the article: 101 tokens',
      'writing the article: 201 tokens',
      'placing figures: about 1 min left',
    ]);
  });

  it('off a terminal, steps without figures print once each, as before', () => {
    const out = stream(false);
    const progress = progressReporter(out, { intervalSeconds: 0 });
    progress.update('loading the model', 0.1);
    progress.update('loading the model', 0.5);
    progress.update('question 1 of 2');
    progress.update('question 2 of 2');
    progress.done('done');
    expect(out.written).toBe('loading the model\nquestion 1 of 2\nquestion 2 of 2\ndone\n');
  });

  it('on a terminal: one line, redrawn at every update with its figures', () => {
    const out = stream(true);
    const progress = progressReporter(out, { intervalSeconds: 10, now: () => 0 });
    progress.update('writing the article', 0.5, '200 tokens, 12.0 tokens/s, about 40 s left');
    progress.update('writing the article', 0.5, '201 tokens, 12.0 tokens/s, about 40 s left');
    expect(out.written).not.toContain('\n');
    expect(out.written.split('\r\u001b[2K').filter(Boolean)).toEqual([
      '[############............] writing the article: 200 tokens, 12.0 tokens/s, about 40 s left',
      '[############............] writing the article: 201 tokens, 12.0 tokens/s, about 40 s left',
    ]);
  });
});
