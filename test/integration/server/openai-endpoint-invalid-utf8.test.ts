/**
 * The studio's OpenAI-compatible endpoint on the default engine (llama-server): an answer in
 * which the model wrote bytes that are not valid UTF-8 arrives whole, with U+FFFD in their place.
 * llama-server's chat parser once failed such answers, and the endpoint answered with an error.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudioServer, type RunningStudioServer } from '../../../electron/server/studio-server';
import { ModelSession } from '../../../electron/studio/model/model-session';
import { findLlamaServerBinary } from '../../../native-models/engines/llama-server/compile/llama-server-binary';
import { TINY_DECODER } from '../../helpers/fixture-paths';

const built = await findLlamaServerBinary();
let session: ModelSession;
let server: RunningStudioServer;
let client: OpenAI;

describe.skipIf(!built)('the OpenAI-compatible endpoint on llama-server', () => {
  beforeAll(async () => {
    session = await ModelSession.open({ decoderPath: TINY_DECODER, contextSize: 1024, threads: 1, backend: 'cpu', engine: 'llama-server' });
    server = await startStudioServer({ session });
    client = new OpenAI({ baseURL: `${server.baseUrl}/v1`, apiKey: server.token, maxRetries: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await session?.close();
  });

  it('streams answers with U+FFFD where the model wrote bytes that are not UTF-8', async () => {
    // The tiny model writes a lone high byte now and then (decoder-spec.ts): some of these carry one.
    const answers: string[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const stream = await client.chat.completions.create({
        model: session.info.modelName,
        messages: [{ role: 'user', content: 'Say something.' }],
        max_tokens: 48,
        seed,
        stream: true,
      });
      let text = '';
      let finish: string | null = null;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      expect(['stop', 'length']).toContain(finish);
      answers.push(text);
    }
    expect(answers.filter((answer) => answer.includes('\uFFFD')).length).toBeGreaterThan(0);
  });
});
