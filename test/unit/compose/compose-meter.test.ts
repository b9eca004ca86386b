import { describe, expect, it } from 'vitest';
import { ComposeMeter } from '../../../electron/studio/compose/compose-meter';
import type { ComposeModel, ComposeProgress } from '../../../electron/studio/compose/compose-types';
import type { CompletionResult, CompletionTimings } from '../../../native-models/engines/engine';
import { INTERNLM2_FORMAT } from '../../../native-models/prompts/chat-format';
import { studioFamily } from '../../../electron/studio/compose/prompt-families/studio/studio-family';

/** A model whose answers stream `tokens` tokens, a clock tick apart, and report `timings`. */
function timed(clock: { now: number }, answers: Array<{ tokens: number; timings: Partial<CompletionTimings> }>): ComposeModel {
  return {
    family: studioFamily(INTERNLM2_FORMAT),
    ask: async (_prompt, options) => {
      const answer = answers.shift() ?? { tokens: 0, timings: {} };
      for (let token = 0; token < answer.tokens; token++) {
        clock.now += 100;
        options?.onToken?.('x');
      }
      const timings = { promptTokens: 0, promptMs: 0, decodedTokens: 0, decodeMs: 0, firstTokenMs: null, ...answer.timings };
      const result: CompletionResult = { text: 'x', stopReason: 'end-of-turn', timings };
      return result;
    },
  };
}

const prompt = (pictures = 0) => ({
  parts: async () => [],
  chat: { turns: [{ role: 'user' as const, content: ['Which?', ...Array.from({ length: pictures }, () => ({ path: 'p.png' }))] }] },
});

describe('ComposeMeter', () => {
  it("gives the streaming answer's pace once it has a few tokens, then the engine's timings, and a time left from them", async () => {
    const clock = { now: 0 };
    const meter = new ComposeMeter({ writeBudget: 400, figures: 1, candidatesPerSlot: 4, picturePositions: 0 }, () => clock.now);
    const seen: ComposeProgress[] = [];
    const model = meter.measure(
      timed(clock, [
        // Writing: 20 tokens 0.1 s apart on the clock; the engine says 200 prompt positions in 2 s, 20 tokens in 4 s.
        { tokens: 20, timings: { promptTokens: 150, cachedTokens: 50, promptMs: 2000, decodedTokens: 20, decodeMs: 4000 } },
      ]),
    );
    let tokens = 0;
    await model.ask(prompt(), { onToken: () => seen.push(meter.annotate({ step: 'write', tokens: ++tokens })) });
    // No pace before 8 tokens; then 10 tokens a second (0.1 s apart), and the prompt taken at that pace too.
    expect(seen[6]?.tokensPerSecond).toBeUndefined();
    expect(seen[6]?.secondsLeft).toBeUndefined();
    expect(seen[19]?.tokensPerSecond).toBeCloseTo(10);
    expect(seen[19]?.secondsLeft).toBeGreaterThan((400 - 20) / 10);
    // After the answer: the engine's own speeds (5 tokens a second, 75 positions a second).
    expect(meter.speeds()).toEqual({ promptPerSecond: 75, decodePerSecond: 5, secondsPerPicture: null });
    // Placing at its budget (200 tokens) reading the instructions (200 positions) and the article (20 tokens),
    // then the figure's title, choice and caption likewise.
    const placing = meter.annotate({ step: 'place', tokens: 0 });
    const read = (200 + 20) / 75;
    expect(placing.secondsLeft).toBeCloseTo(4 * read + (200 + 200 + 10 + 160) / 5);
  });

  it("measures a picture's encoding as what a call with pictures took beyond its positions, and each step's answer", async () => {
    const clock = { now: 0 };
    const meter = new ComposeMeter({ writeBudget: 100, figures: 2, candidatesPerSlot: 4, picturePositions: 10 }, () => clock.now);
    const model = meter.measure(
      timed(clock, [
        { tokens: 2, timings: { promptTokens: 100, promptMs: 1000, decodedTokens: 2, decodeMs: 200 } },
        // Choosing among 4 pictures: 140 positions (at 100 a second, 1.4 s) took 9.4 s: 2 s a picture.
        { tokens: 1, timings: { promptTokens: 140, promptMs: 9400, decodedTokens: 1, decodeMs: 100 } },
      ]),
    );
    let written = 0;
    await model.ask(prompt(), { onToken: () => meter.annotate({ step: 'write', tokens: ++written }) });
    meter.annotate({ step: 'retrieve', slot: 1, slots: 2, tokens: 0 });
    await model.ask(prompt(4), { onToken: () => meter.annotate({ step: 'choose', slot: 1, slots: 2, tokens: 1 }) });
    expect(meter.speeds()).toEqual({ promptPerSecond: 100, decodePerSecond: 10, secondsPerPicture: 2 });
    // Figure 1's caption, then figure 2: its choice as measured (140 positions, 1 token) with 5 pictures.
    const left = meter.annotate({ step: 'caption', slot: 1, slots: 2, tokens: 0 }).secondsLeft as number;
    const caption = { read: 100 + 2 + 10, write: 160, pictures: 1 };
    const title = { read: 100 + 2, write: 200 };
    const expected =
      (2 * caption.read + title.read + 140) / 100 + (2 * caption.write + title.write + 1) / 10 + (2 * caption.pictures + 5) * 2;
    expect(left).toBeCloseTo(expected);
  });
});
