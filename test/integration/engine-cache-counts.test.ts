/**
 * llama-server's counts of an answer's prompt, through the real engine on the tiny model: the
 * positions it evaluated and those it took from its cache add up to the whole prompt as its
 * tokenizer counts it, whether the answer ends at the end of its turn or at a stop string
 * (which closes the connection before the final chunk; before every chunk carried the counts,
 * such an answer said it evaluated 0 positions and nothing of its cache). bench:compose and the
 * progress estimates read these counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptPart } from '../../native-models/engines/engine';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { TINY_DECODER, TINY_PROJECTOR } from '../helpers/fixture-paths';

const built = await findLlamaServerBinary();
const text = (value: string): PromptPart[] => [{ type: 'text', text: value }];
const SHARED = '[UNUSED_TOKEN_146]user\nWrite about a harbour town at dawn, its boats and its market.';

describe.skipIf(!built)('llama-server: prompt positions evaluated and cached', () => {
  const engine = new ModelHostClient({ engine: 'llama-server' });
  beforeAll(async () => {
    await engine.load({ decoderPath: TINY_DECODER, projectorPath: TINY_PROJECTOR, contextSize: 1024, backend: 'cpu', threads: 1 });
  });
  afterAll(() => engine.dispose());

  it('a prompt sharing a prefix with the last one takes it from the cache; the two counts make the prompt', async () => {
    const first = text(`${SHARED}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n`);
    const second = text(`${SHARED} And its lighthouse.[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n`);
    const firstAnswer = await engine.complete({ prompt: first, maxTokens: 4, sampling: { temperature: 0 } });
    const secondAnswer = await engine.complete({ prompt: second, maxTokens: 4, sampling: { temperature: 0 } });
    const [firstCount, secondCount, sharedCount] = await Promise.all(
      [first, second, text(SHARED)].map((prompt) => engine.tokenize(prompt)),
    );
    expect(firstAnswer.timings.promptTokens + (firstAnswer.timings.cachedTokens ?? Number.NaN)).toBe(firstCount?.count);
    expect(secondAnswer.timings.promptTokens + (secondAnswer.timings.cachedTokens ?? Number.NaN)).toBe(secondCount?.count);
    // At least the shared text's positions (less the last, which may tokenise with what follows).
    expect(secondAnswer.timings.cachedTokens).toBeGreaterThanOrEqual((sharedCount?.count ?? 0) - 1);
    expect(secondAnswer.timings.promptTokens).toBeLessThan((secondCount?.count ?? 0) - (sharedCount?.count ?? 0) + 2);
  });

  it('a prompt sharing a prefix with an answer before the last one gets it back from the host-memory prompt cache', async () => {
    const system = '[UNUSED_TOKEN_146]system\nYou write illustrated articles.[UNUSED_TOKEN_145]\n';
    const article = `${system}[UNUSED_TOKEN_146]user\n${'The boats come in at dawn and the market opens by the water. '.repeat(6)}`;
    const ask = (question: string) => text(`${article}${question}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n`);
    const other = text(
      `${system}[UNUSED_TOKEN_146]user\n${'A lighthouse keeper climbs the stairs at night. '.repeat(6)}[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n`,
    );
    const options = { maxTokens: 4, sampling: { temperature: 0 } };
    // A figure's title, then another step's prompt in the one slot, then the next figure's title.
    await engine.complete({ prompt: ask(' Title the first picture.'), ...options });
    await engine.complete({ prompt: other, ...options });
    const next = await engine.complete({ prompt: ask(' Title the second picture.'), ...options });
    const [shared, systemOnly] = await Promise.all([engine.tokenize(text(article)), engine.tokenize(text(system))]);
    // Without the cache only the system prompt, shared with the answer just before, was reused.
    expect(next.timings.cachedTokens).toBeGreaterThan(systemOnly?.count ?? 0);
    expect(next.timings.cachedTokens).toBeGreaterThanOrEqual((shared?.count ?? 0) - 1);
  });

  it('an answer ended at a stop string still says what it evaluated and reused', async () => {
    const prompt = text(`${SHARED} Say it.[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n`);
    const answer = await engine.complete({
      prompt,
      maxTokens: 40,
      sampling: { temperature: 0 },
      constraint: { type: 'grammar', grammar: 'root ::= "boats at dawn, then the market"' },
      stop: ['market'],
    });
    expect(answer.stopReason).toBe('stop-string');
    expect(answer.text).not.toContain('market');
    const { count } = await engine.tokenize(prompt);
    expect(answer.timings.promptTokens).toBeGreaterThan(0);
    expect(answer.timings.promptTokens + (answer.timings.cachedTokens ?? Number.NaN)).toBe(count);
    expect(answer.timings.decodedTokens).toBeGreaterThan(0);
  });
});
