/**
 * 1,000 random answer formats (500 JSON schemas, 500 grammars) through the real model host on
 * the tiny model. Every one is either refused for that request only or answered; afterwards the
 * host still answers, it never crashed, and nothing was left unhandled. The seed is printed;
 * FOLIO_FUZZ_SEED replays a run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineKind, OutputConstraint, PromptPart } from '../../native-models/engines/engine';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { checkConstraint } from '../../native-models/engines/constraints/check-constraint';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { TINY_DECODER } from '../helpers/fixture-paths';
import { randomGrammar, randomSchema, seededRandom } from '../helpers/random-constraints';

const PROMPT: PromptPart[] = [{ type: 'text', text: '[UNUSED_TOKEN_146]user\nHello[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n' }];
const CASES = 1_000;
/** Formats that pass the checks and go on to the engine: enough to find a crash, few enough to stay fast. */
const ENGINE_SAMPLE = 20;

const seed = Number(process.env.FOLIO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const built = Boolean(await findLlamaServerBinary());
const engines: EngineKind[] = ['llama-node', 'node-llama-cpp', ...(built ? (['llama-server'] as const) : [])];

describe.each(engines)('random answer formats through the model host (%s)', (kind) => {
  const crashes: string[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
  const host = new ModelHostClient({ engine: kind, onCrash: (error) => crashes.push(error.detail ?? error.message) });

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    await host.load({ decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu', threads: 1 });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await host.dispose();
  });

  it(`refuses or answers each of ${CASES} formats, and the host lives on (seed printed)`, async () => {
    console.log(`constraint fuzz (${kind}): FOLIO_FUZZ_SEED=${seed}`);
    const random = seededRandom(seed);
    const started = performance.now();
    const outcomes = { refusedByChecks: 0, refusedByEngine: 0, answered: 0, notSent: 0, notFollowed: 0 };
    let sent = 0;
    for (let index = 0; index < CASES; index++) {
      const constraint: OutputConstraint = index % 2 === 0 ? randomSchema(random) : randomGrammar(random);
      const accepted = passesChecks(constraint);
      // Every refused format goes to the host (which checks again); accepted ones in a sample.
      if (accepted && sent >= ENGINE_SAMPLE) {
        outcomes.notSent++;
        continue;
      }
      if (accepted) sent++;
      const outcome = await host.complete({ prompt: PROMPT, maxTokens: 1 + (index % 2), constraint, sampling: { seed: index } }).then(
        () => 'answered' as const,
        (error: { code?: string; message?: string }) => {
          if (error.code === 'invalid-request') return accepted ? ('refusedByEngine' as const) : ('refusedByChecks' as const);
          // An answer the model finished that breaks the schema: that request's error, nothing more.
          if (error.code === 'engine-failed' && /required format/.test(error.message ?? '')) return 'notFollowed' as const;
          throw new Error(
            `case ${index} (seed ${seed}) failed with ${error.code}: ${error.message}\n${JSON.stringify(constraint).slice(0, 500)}`,
          );
        },
      );
      outcomes[outcome]++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`constraint fuzz (${kind}): ${JSON.stringify(outcomes)} in ${seconds.toFixed(1)} s`);

    expect(crashes).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(outcomes.refusedByChecks).toBeGreaterThan(CASES / 2);
    const next = await host.complete({ prompt: PROMPT, maxTokens: 4, sampling: { seed: 1 } });
    expect(next.timings.decodedTokens).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(45);
  });
});

function passesChecks(constraint: OutputConstraint): boolean {
  try {
    checkConstraint(constraint);
    return true;
  } catch {
    return false;
  }
}
