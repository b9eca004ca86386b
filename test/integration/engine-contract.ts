/**
 * The engine contract: what every Engine must do, run against each adapter on the tiny models
 * through the real model host process. Output text is noise (random weights); structure is
 * what is checked: streaming, limits, determinism, constraints, abort, errors.
 */
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionRequest, EngineKind, PromptPart, RemoteServer } from '../../native-models/engines/engine';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { ModelError } from '../../native-models/errors';
import { TINY_DECODER, TINY_PROJECTOR } from '../helpers/fixture-paths';
import { testPicture } from '../fixtures/png';

const text = (value: string): PromptPart[] => [{ type: 'text', text: value }];
const USER_PROMPT = text('[UNUSED_TOKEN_146]user\nWrite about a cat.[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n');
const SAMPLING = { temperature: 1, topP: 0.9, topK: 40 };
const REPLACEMENT = '\uFFFD';

export interface ContractOptions {
  vision: boolean;
  /** For a remote server: how to reach it (started by the test). Local-only checks are skipped. */
  server?: () => RemoteServer;
}

export function describeEngineContract(kind: EngineKind, options: ContractOptions): void {
  describe(`engine contract: ${kind}`, () => {
    const engine = new ModelHostClient({ engine: kind });

    const remote = Boolean(options.server);
    beforeAll(async () => {
      await engine.load({
        decoderPath: TINY_DECODER,
        projectorPath: options.vision ? TINY_PROJECTOR : undefined,
        contextSize: 512,
        backend: 'cpu',
        threads: 1,
        ...(options.server ? { server: options.server() } : {}),
      });
    });
    afterAll(() => engine.dispose());

    it('reports what it loaded', () => {
      const info = engine.info();
      if (remote) expect(info).toMatchObject({ engine: kind, backend: 'remote', vision: true });
      // The threads asked for are taken as they are, and the engine says so (thread-plan.ts).
      else
        expect(info).toMatchObject({
          engine: kind,
          backend: 'cpu',
          contextSize: 512,
          totalLayers: 3,
          vision: options.vision,
          threads: 1,
          threadsNote: '1 thread, as asked',
        });
      expect(info?.devices.length).toBeGreaterThan(0);
    });

    it('streams tokens that add up to the answer, within max tokens', async () => {
      const pieces: string[] = [];
      const result = await engine.complete(
        { prompt: USER_PROMPT, maxTokens: 12, sampling: { ...SAMPLING, seed: 1 } },
        { onToken: (piece) => pieces.push(piece) },
      );
      expect(pieces.join('')).toBe(result.text);
      expect(result.timings.decodedTokens).toBeLessThanOrEqual(12);
      expect(result.timings.decodedTokens).toBeGreaterThan(0);
      expect(['max-tokens', 'end-of-turn']).toContain(result.stopReason);
    });

    it('gives the same answer for the same seed, and another for another seed', async () => {
      const ask = (seed: number) => engine.complete({ prompt: USER_PROMPT, maxTokens: 24, sampling: { ...SAMPLING, seed } });
      const [first, again, other] = [await ask(7), await ask(7), await ask(8)];
      expect(again.text).toBe(first.text);
      expect(other.text).not.toBe(first.text);
    });

    it('shows bytes that are not valid UTF-8 as U+FFFD, and still answers', async () => {
      // The tiny model writes a lone high byte about one token in seventy with this sampling
      // (decoder-spec.ts) and may end its turn early: every answer must come back whole, and
      // some carry U+FFFD.
      const answers: string[] = [];
      for (let seed = 1; seed <= 8; seed++) {
        const pieces: string[] = [];
        const result = await engine.complete(
          { prompt: USER_PROMPT, maxTokens: 48, sampling: { ...SAMPLING, seed } },
          { onToken: (piece) => pieces.push(piece) },
        );
        expect(pieces.join('')).toBe(result.text);
        answers.push(result.text);
      }
      expect(answers.filter((answer) => answer.includes(REPLACEMENT)).length).toBeGreaterThan(0);
    });

    // A remote server decides what a cut-off character becomes (llama-server leaves it out).
    it.skipIf(remote)('shows a character cut off by the token limit as U+FFFD', async () => {
      // After "a" the grammar allows only the first byte of a three-byte character; the limit cuts it there.
      const result = await engine.complete({
        prompt: USER_PROMPT,
        maxTokens: 2,
        sampling: { ...SAMPLING, seed: 1 },
        constraint: { type: 'grammar', grammar: 'root ::= "a" [\u4e00-\u9fff]+' },
      });
      expect(result.text).toBe(`a${REPLACEMENT}`);
      expect(result.stopReason).toBe('max-tokens');
    });

    it('follows a raw grammar', async () => {
      for (const seed of [1, 2, 3]) {
        const result = await engine.complete({
          prompt: USER_PROMPT,
          maxTokens: 8,
          sampling: { ...SAMPLING, seed },
          constraint: { type: 'grammar', grammar: 'root ::= "yes" | "no"' },
        });
        expect(['yes', 'no']).toContain(result.text);
      }
    });

    it('returns JSON that parses and obeys the schema', async () => {
      const schema = {
        type: 'object',
        properties: { figures: { type: 'array', items: { type: 'integer', minimum: 0, maximum: 9 }, maxItems: 3 } },
        required: ['figures'],
        additionalProperties: false,
      };
      for (const seed of [1, 2]) {
        const result = await engine.complete({
          prompt: USER_PROMPT,
          maxTokens: 64,
          sampling: { ...SAMPLING, seed },
          constraint: { type: 'json-schema', schema },
        });
        const value = JSON.parse(result.text) as { figures: number[] };
        expect(Object.keys(value)).toEqual(['figures']);
        expect(value.figures.length).toBeLessThanOrEqual(3);
        for (const index of value.figures) expect(Number.isInteger(index) && index >= 0 && index <= 9).toBe(true);
      }
    });

    it('keeps a string within its maxLength where the model wrote bytes that are not UTF-8', async () => {
      // llama.cpp's grammar counts a lead byte and its continuation bytes as one character even
      // when they are not UTF-8 (F8 80 80 80), which decodes to one U+FFFD per byte; and
      // llama-server sends a character written as several byte tokens in one chunk. Unseeded, an
      // answer here failed its schema about one time in thirty (llama.node) and ten (llama-server).
      const schema = {
        type: 'object',
        properties: { title: { type: 'string', maxLength: 12 } },
        required: ['title'],
        additionalProperties: false,
      };
      const obeys = new Ajv({ strict: false }).compile(schema);
      const replaced: string[] = [];
      for (let seed = 1; seed <= 40; seed++) {
        const result = await engine.complete({
          prompt: USER_PROMPT,
          maxTokens: 64,
          sampling: { ...SAMPLING, seed },
          constraint: { type: 'json-schema', schema },
        });
        // An answer the token limit cut is handed back as it is (finish_reason 'length').
        if (result.stopReason === 'max-tokens') continue;
        const value: unknown = JSON.parse(result.text);
        expect(obeys(value), `seed ${seed}: ${result.text}`).toBe(true);
        if (result.text.includes(REPLACEMENT)) replaced.push(result.text);
      }
      // Where llama.cpp converts the schema, some of these answers carry such a character (the
      // case checked); node-llama-cpp's own JSON grammar gave none in 40 seeds.
      if (kind !== 'node-llama-cpp') expect(replaced.length).toBeGreaterThan(0);
    });

    it('stops before a stop string and leaves it out', async () => {
      const request: CompletionRequest = {
        prompt: USER_PROMPT,
        maxTokens: 40,
        sampling: { ...SAMPLING, seed: 3 },
        stop: ['STOP'],
        constraint: { type: 'grammar', grammar: 'root ::= "one two" " STOP" " three four five six"' },
      };
      const pieces: string[] = [];
      const result = await engine.complete(request, { onToken: (piece) => pieces.push(piece) });
      expect(result.text).toBe('one two ');
      expect(pieces.join('')).toBe('one two ');
      expect(result.stopReason).toBe('stop-string');
    });

    it('stops within a token of an abort, and says it was cancelled', async () => {
      const cancelAfterThree = async (seed: number): Promise<number> => {
        const controller = new AbortController();
        let received = 0;
        let afterAbort = 0;
        const running = engine.complete(
          {
            prompt: USER_PROMPT,
            maxTokens: 400,
            sampling: { ...SAMPLING, seed },
            constraint: { type: 'grammar', grammar: 'root ::= [a-z]{300}' },
          },
          {
            signal: controller.signal,
            onToken: () => {
              received++;
              if (controller.signal.aborted) afterAbort++;
              if (received === 3) controller.abort();
            },
          },
        );
        const error = await running.catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'aborted' });
        expect(received).toBe(3);
        expect(afterAbort).toBe(0);
        // NaN when the answer was complete before the cancel reached the engine.
        return Number(/stopped after (\d+)/.exec((error as { detail?: string }).detail ?? '')?.[1]);
      };
      // Compute stopped too: fewer than the 300 tokens the grammar demands. The tiny model makes
      // ~1000 a second, so on a loaded machine the cancel can cross to the host after the last one
      // (nothing is learned then): one of three tries must show the stop. A remote server's compute
      // cannot be observed from here; closing the stream is what it gets.
      const generated: number[] = [];
      for (const seed of [4, 5, 6]) {
        generated.push(await cancelAfterThree(seed));
        if (remote || (generated.at(-1) as number) < 300) break;
      }
      if (!remote) {
        const stopped = generated.filter((count) => count < 300);
        expect(stopped, `tokens generated per try: ${generated.join(', ')}`).not.toHaveLength(0);
        expect(stopped[0]).toBeGreaterThanOrEqual(3);
      }
      // The engine is usable right after.
      const next = await engine.complete({ prompt: USER_PROMPT, maxTokens: 4, sampling: { ...SAMPLING, seed: 1 } });
      expect(next.timings.decodedTokens).toBeGreaterThan(0);
    });

    it.skipIf(remote)('embeds text as a unit vector of the model width, the same every time', async () => {
      const cat = await engine.embed('a cat on a mat');
      const again = await engine.embed('a cat on a mat');
      const other = await engine.embed('quarterly tax figures');
      expect(cat).toHaveLength(64);
      expect(Math.hypot(...cat)).toBeCloseTo(1, 4);
      expect(again).toEqual(cat);
      expect(other).not.toEqual(cat);
    });

    it.skipIf(remote)('counts tokens, with the beginning-of-sequence token once', async () => {
      const short = await engine.tokenize(text('the cat'));
      const long = await engine.tokenize(text('the cat and the cat and the cat'));
      expect(long.count).toBeGreaterThan(short.count);
      expect(short.tokens[0]).toBe(1);
      expect(short.tokens.filter((token) => token === 1)).toHaveLength(1);
    });

    it('refuses, before evaluating, a prompt that cannot fit the context', async () => {
      const started = performance.now();
      const error = await engine.complete({ prompt: text('the cat '.repeat(600)), maxTokens: 4 }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModelError);
      expect(error).toMatchObject({ code: 'prompt-too-long' });
      if (!remote) expect((error as Error).message).toMatch(/512/);
      expect(performance.now() - started).toBeLessThan(5_000);
    });

    if (options.vision) {
      it('answers about an image given as a path and as bytes, several interleaved', async () => {
        const bytes = testPicture(1);
        const prompt: PromptPart[] = [
          ...text('[UNUSED_TOKEN_146]user\nCompare '),
          { type: 'image', image: { bytes } },
          ...text(' with '),
          { type: 'image', image: { bytes: testPicture(2), mimeType: 'image/png' } },
          ...text('[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n'),
        ];
        const count = await engine.tokenize(prompt);
        const textOnly = await engine.tokenize(prompt.filter((part) => part.type === 'text'));
        expect(count.count).toBeGreaterThan(textOnly.count);
        const result = await engine.complete({ prompt, maxTokens: 6, sampling: { ...SAMPLING, seed: 5 } });
        expect(result.timings.decodedTokens).toBeGreaterThan(0);
        if (!remote) expect(result.timings.promptTokens).toBeGreaterThanOrEqual(count.count - 1);
      });

      it('refuses an image that is not a picture', async () => {
        const error = await engine
          .complete({ prompt: [{ type: 'image', image: { bytes: Buffer.from('not an image at all') } }], maxTokens: 2 })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'image-unreadable' });
      });
    } else {
      it('says plainly that it cannot see images', async () => {
        const error = await engine
          .complete({ prompt: [{ type: 'image', image: { bytes: testPicture(1) } }, ...text('what is this?')], maxTokens: 2 })
          .catch((caught: unknown) => caught);
        expect(error).toMatchObject({ code: 'images-not-supported' });
      });
    }
  });
}
