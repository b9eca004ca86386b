/**
 * Answer formats from outside (the OpenAI endpoint's response_format, a grammar) through the
 * real model host on every local engine: formats that used to abort or overflow llama.cpp are
 * refused for that request only, the host process survives, and the next answer comes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineKind, OutputConstraint, PromptPart } from '../../native-models/engines/engine';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { TINY_DECODER } from '../helpers/fixture-paths';

const PROMPT: PromptPart[] = [{ type: 'text', text: '[UNUSED_TOKEN_146]user\nHello[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n' }];
const schema = (value: unknown): OutputConstraint => ({ type: 'json-schema', schema: value as Record<string, unknown> });

const HOSTILE: Array<[string, OutputConstraint]> = [
  ['{"type":5}', schema({ type: 5 })],
  ['{"$ref":"#"}', schema({ $ref: '#' })],
  ['an unknown $ref', schema({ $ref: '#/definitions/nowhere' })],
  ['30,000 nested parentheses', { type: 'grammar', grammar: `root ::= ${'('.repeat(30_000)}"a"${')'.repeat(30_000)}` }],
  ['a backtracking pattern', schema({ type: 'string', pattern: '^(a|aa)+$' })],
  // Aborted llama.node's JSON parser; crashed node-llama-cpp's sampler (twice).
  ['a lone surrogate in an enum', schema({ enum: ['\ud800'] })],
  ['a grammar asking for NUL', { type: 'grammar', grammar: 'root ::= [\\x00-\\x00]' }],
  ['a code point past Unicode', { type: 'grammar', grammar: 'root ::= "\\UFFFFFFFF"' }],
  // Passes Folio's checks; llama.cpp itself refuses it.
  ['a left-recursive grammar', { type: 'grammar', grammar: 'root ::= root "a" | "a"' }],
];

const built = Boolean(await findLlamaServerBinary());
const engines: EngineKind[] = ['llama-node', 'node-llama-cpp', ...(built ? (['llama-server'] as const) : [])];

describe.each(engines)('hostile answer formats on %s', (kind) => {
  // llama.node's known wedge replaces the host now and then (see ARCHITECTURE.md): that is no
  // crash. A crash is what the client reports as one.
  const crashes: string[] = [];
  const host = new ModelHostClient({ engine: kind, onCrash: (error) => crashes.push(error.detail ?? error.message) });
  beforeAll(() => host.load({ decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu', threads: 1 }));
  afterAll(() => host.dispose());

  it.each(HOSTILE)('refuses %s for that request only', async (_name, constraint) => {
    await expect(host.complete({ prompt: PROMPT, maxTokens: 2, constraint, sampling: { seed: 1 } })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    const next = await host.complete({ prompt: PROMPT, maxTokens: 2, sampling: { seed: 2 } });
    expect(next.timings.decodedTokens).toBeGreaterThan(0);
    expect(crashes).toEqual([]);
  });

  it("compiles each request's schema on its own: the same $id twice is no conflict", async () => {
    for (const type of ['boolean', 'null']) {
      const answer = await host.complete({
        prompt: PROMPT,
        maxTokens: 8,
        constraint: schema({ $id: 'https://example.com/answer', type }),
        sampling: { seed: 3 },
      });
      expect(JSON.parse(answer.text)).toEqual(type === 'null' ? null : expect.any(Boolean));
    }
    expect(crashes).toEqual([]);
  });
});
