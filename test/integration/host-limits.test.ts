/**
 * Issue 24, cause 5: the model host's limits. A call limit past what a timer can hold is held,
 * not fired at once; a prompt that cannot fit the context is refused before it is sent; a host
 * killed while it loads the model again after a crash is replaced and the model still comes
 * back, with the status saying what is true meanwhile; a vocabulary that cannot spell text is
 * refused at validation.
 */
import { copyFileSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PromptPart } from '../../native-models/engines/engine';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { forkHostTransport } from '../../native-models/host/fork-transport';
import type { HostTransport } from '../../native-models/host/protocol';
import { writeGguf } from '../../native-models/gguf/gguf-writer';
import { validateModelPair } from '../../native-models/gguf/validate-model';
import { decoderSpec } from '../../native-models/demo/decoder-spec';
import { StudioService } from '../../electron/studio/service/studio-service';
import { startStudioServer, type RunningStudioServer } from '../../electron/server/studio-server';
import type { ModelSession } from '../../electron/studio/model/model-session';
import { TINY_DECODER, TINY_PROJECTOR } from '../helpers/fixture-paths';
import { openTinySession } from '../helpers/tiny-session';
import { connectStudio, type TestStudioClient } from '../helpers/studio-client';

const PROMPT: PromptPart[] = [{ type: 'text', text: '[UNUSED_TOKEN_146]user\nHello[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n' }];
const LOAD = { decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu' as const, threads: 1 };
const scratch = mkdtempSync(path.join(os.tmpdir(), 'folio-host-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the model host under limits', () => {
  let client: ModelHostClient | null = null;
  afterEach(async () => {
    await client?.dispose();
    client = null;
  });

  it('holds a call limit longer than a timer can wait instead of firing it at once', async () => {
    // 2^32 ms: Node would run such a timer after 1 ms and the host would be replaced mid-answer.
    client = new ModelHostClient({ engine: 'llama-node', callTimeoutMs: () => 2 ** 32 });
    await client.load(LOAD);
    const pid = client.pid;
    const answer = await client.complete({ prompt: PROMPT, maxTokens: 8, sampling: { seed: 1 } });
    expect(answer.timings.decodedTokens).toBeGreaterThan(0);
    expect(client.pid).toBe(pid);
  });

  it('loads the model on another fresh host when the one reloading it after a crash is killed too', async () => {
    const started: HostTransport[] = [];
    client = new ModelHostClient({
      engine: 'llama-node',
      startHost: () => {
        const transport = forkHostTransport();
        started.push(transport);
        // The second host (the one loading the model again) dies as soon as it starts.
        if (started.length === 2) setTimeout(() => transport.kill(), 50);
        return transport;
      },
    });
    await client.load(LOAD);
    const first = started[0] as HostTransport;
    const gone = new Promise((resolve) => first.onExit(resolve));
    first.kill();
    await gone;
    const answer = await client.complete({ prompt: PROMPT, maxTokens: 4, sampling: { seed: 2 } });
    expect(answer.timings.decodedTokens).toBeGreaterThan(0);
    expect(started).toHaveLength(3);
    expect(client.info()?.decoderPath).toBe(TINY_DECODER);
  });

  it('fails the waiting call when every reload dies, and loads the model again with the next one', async () => {
    let hosts = 0;
    client = new ModelHostClient({
      engine: 'llama-node',
      startHost: () => {
        const transport = forkHostTransport();
        // Hosts 2, 3 and 4 die while they load the model again; host 5 is left alone.
        if (++hosts >= 2 && hosts <= 4) setTimeout(() => transport.kill(), 50);
        return transport;
      },
    });
    await client.load(LOAD);
    process.kill(client.pid as number, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await expect(client.complete({ prompt: PROMPT, maxTokens: 4 })).rejects.toMatchObject({ code: 'host-crashed' });
    expect(hosts).toBe(4);
    const answer = await client.complete({ prompt: PROMPT, maxTokens: 4, sampling: { seed: 3 } });
    expect(answer.timings.decodedTokens).toBeGreaterThan(0);
    expect(hosts).toBe(5);
  });
});

describe('prompts that cannot fit', () => {
  let session: ModelSession;
  let server: RunningStudioServer;
  let crashes = 0;
  beforeAll(async () => {
    session = await openTinySession({
      startHost: () => {
        const transport = forkHostTransport();
        let asked = false;
        const kill = transport.kill.bind(transport);
        transport.kill = () => ((asked = true), kill());
        transport.onExit(() => void (asked || crashes++));
        return transport;
      },
    });
    server = await startStudioServer({ session });
  });
  afterAll(async () => {
    await server.close();
    await session.close();
  });

  it('refuses a 45-million-character /v1 message with a 400 before the model sees it, and keeps serving', async () => {
    const pid = (session.engine as ModelHostClient).pid;
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'word '.repeat(9_000_000) }], max_tokens: 4 }),
    });
    const body = (await response.json()) as { error: { message: string } };
    expect(response.status).toBe(400);
    expect(body.error.message).toMatch(
      /too long for the model: its 45,0\d\d,\d\d\d characters need at least [\d,]+ tokens and the model's context holds 2,048/,
    );
    expect(performance.now() - started).toBeLessThan(15_000);
    const next = await session.ask(session.family.chat({ turns: [{ role: 'user', content: 'Hello' }] }), {
      maxTokens: 3,
      sampling: { seed: 1 },
    });
    expect(next.timings.decodedTokens).toBeGreaterThan(0);
    expect((session.engine as ModelHostClient).pid).toBe(pid);
    expect(crashes).toBe(0);
  });

  it('refuses an ask whose text is just past what the context could hold, and sends one just inside', async () => {
    // The tiny vocabulary's longest piece is `[UNUSED_TOKEN_146]`, 18 characters: 2,048 tokens hold at most 2 × 18 × 2,047 of text.
    const limit = 2 * 18 * 2047;
    const framing = (await session.ask(session.family.chat({ turns: [{ role: 'user', content: '' }] }), { maxTokens: 1 })).timings
      .promptTokens;
    expect(framing).toBeGreaterThan(0);
    await expect(
      session.ask(session.family.chat({ turns: [{ role: 'user', content: 'a'.repeat(limit) }] }), { maxTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'prompt-too-long',
      detail: expect.stringMatching(/longest vocabulary piece 18 characters, context 2048 tokens/),
    });
    // Inside the bound the engine tokenizes it and answers with its own count.
    await expect(
      session.ask(session.family.chat({ turns: [{ role: 'user', content: 'a'.repeat(limit - 200) }] }), { maxTokens: 1 }),
    ).rejects.toMatchObject({
      code: 'prompt-too-long',
      message: expect.stringMatching(/it needs \d+ tokens/),
    });
  });
});

describe('the status after a failed reload', () => {
  let service: StudioService;
  let server: RunningStudioServer;
  let studio: TestStudioClient;
  const decoder = path.join(scratch, 'model.gguf');
  beforeAll(async () => {
    copyFileSync(TINY_DECODER, decoder);
    const dataDir = path.join(scratch, 'data');
    service = await StudioService.create({
      dataDir,
      shell: 'browser',
      demoPair: { decoder: TINY_DECODER, projector: TINY_PROJECTOR },
      modelsDir: path.join(dataDir, 'models'),
      contextSize: 2048,
    });
    server = await startStudioServer({ service });
    studio = await connectStudio(server.baseUrl, server.token);
  });
  afterAll(async () => {
    studio.close();
    await server.close();
    await service.close();
  });

  it('says the model failed while it cannot come back, and ready again once a call brings it back', async () => {
    await studio.call('loadModel', { source: { kind: 'files', decoder, projector: null } });
    const host = service.loadedModel()?.engine as ModelHostClient;
    renameSync(decoder, `${decoder}.away`);
    process.kill(host.pid as number, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(studio.call('ask', { jobId: 'a1', question: 'Still there?' })).rejects.toMatchObject({
      payload: {
        code: 'model-reload-failed',
        message: expect.stringMatching(/could not be loaded again: .* tries again with the next request/),
      },
    });
    expect(await studio.call('modelStatus')).toMatchObject({ state: 'failed', error: { code: 'model-reload-failed' } });
    renameSync(`${decoder}.away`, decoder);
    const answer = await studio.call('ask', { jobId: 'a2', question: 'Back?' });
    expect(answer.cancelled).toBe(false);
    expect(await studio.call('modelStatus')).toMatchObject({ state: 'ready', error: null, decoderPath: decoder });
  });
});

describe('validation', () => {
  it('refuses a decoder whose vocabulary has one token, naming what it lacks', async () => {
    const spec = decoderSpec();
    spec.metadata = spec.metadata.map((entry) => {
      if (entry.type === 'array') return { ...entry, value: entry.value.slice(0, 1) } as typeof entry;
      return entry.key.endsWith('_token_id') ? ({ ...entry, value: 0 } as typeof entry) : entry;
    });
    spec.tensors = spec.tensors.map((tensor) =>
      tensor.name === 'token_embd.weight' || tensor.name === 'output.weight' ? { ...tensor, dims: [64, 1] } : tensor,
    );
    const file = path.join(scratch, 'one-token.gguf');
    await writeGguf(file, spec);
    await expect(validateModelPair({ decoder: file })).rejects.toMatchObject({
      code: 'file-corrupt',
      message: expect.stringMatching(/vocabulary cannot spell every text \(it has 1 token and lacks 256 of the 256 byte tokens/),
    });
  });

  it('refuses a decoder whose end-of-text token lies outside its vocabulary', async () => {
    const spec = decoderSpec();
    spec.metadata = spec.metadata.map((entry) =>
      entry.key === 'tokenizer.ggml.eos_token_id' ? ({ key: entry.key, type: 'u32', value: 5000 } as const) : entry,
    );
    const file = path.join(scratch, 'eos-outside.gguf');
    await writeGguf(file, spec);
    await expect(validateModelPair({ decoder: file })).rejects.toMatchObject({
      code: 'file-corrupt',
      detail: expect.stringMatching(/eos_token_id 5000 is outside the 389-token vocabulary/),
    });
  });
});
