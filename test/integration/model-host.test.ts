/**
 * The model host as a process: crash recovery, queue order, aborting queued calls, and bad
 * model files answered with typed errors without taking the host down.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PromptPart } from '../../native-models/engines/engine';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { ModelHostCrashed } from '../../native-models/errors';
import { TINY_DECODER } from '../helpers/fixture-paths';

const PROMPT: PromptPart[] = [{ type: 'text', text: '[UNUSED_TOKEN_146]user\nHello[UNUSED_TOKEN_145]\n[UNUSED_TOKEN_146]assistant\n' }];
const LONG = { type: 'grammar' as const, grammar: 'root ::= [a-z]{400}' };

describe('model host', () => {
  let client: ModelHostClient | null = null;
  afterEach(async () => {
    await client?.dispose();
    client = null;
  });

  async function loaded(): Promise<ModelHostClient> {
    client = new ModelHostClient({ engine: 'llama-node' });
    await client.load({ decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu', threads: 1 });
    return client;
  }

  it('rejects every pending call within a second of a SIGKILL, then serves the next call from a fresh host', async () => {
    const host = await loaded();
    const firstPid = host.pid as number;
    let tokens = 0;
    let killedAt = 0;
    const running = host.complete(
      { prompt: PROMPT, maxTokens: 450, constraint: LONG, sampling: { seed: 1 } },
      {
        onToken: () => {
          if (++tokens === 2) {
            killedAt = performance.now();
            process.kill(firstPid, 'SIGKILL');
          }
        },
      },
    );
    const queued = host.embed('queued behind the answer');
    const [runningOutcome, queuedOutcome] = await Promise.allSettled([running, queued]);
    const rejectedAfter = performance.now() - killedAt;
    for (const outcome of [runningOutcome, queuedOutcome]) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as ModelHostCrashed;
      expect(reason).toBeInstanceOf(ModelHostCrashed);
      expect(reason.message).toMatch(/stopped unexpectedly/);
      expect(reason.detail).toMatch(/SIGKILL/);
    }
    expect(rejectedAfter).toBeLessThan(1_000);

    const next = await host.complete({ prompt: PROMPT, maxTokens: 4, sampling: { seed: 2 } });
    expect(next.timings.decodedTokens).toBeGreaterThan(0);
    expect(host.pid).not.toBe(firstPid);
    expect(host.info()?.decoderPath).toBe(TINY_DECODER);
  });

  it('runs calls in the order they were made', async () => {
    const host = await loaded();
    const finished: string[] = [];
    const calls = ['a', 'b', 'c', 'd'].map((name, index) =>
      (index % 2 === 0 ? host.complete({ prompt: PROMPT, maxTokens: 3 + index, sampling: { seed: index } }) : host.embed(name)).then(() =>
        finished.push(name),
      ),
    );
    await Promise.all(calls);
    expect(finished).toEqual(['a', 'b', 'c', 'd']);
  });

  it('removes an aborted queued call without running it', async () => {
    const host = await loaded();
    const controller = new AbortController();
    const tokensOfQueued: string[] = [];
    const first = host.complete({
      prompt: PROMPT,
      maxTokens: 60,
      constraint: { type: 'grammar', grammar: 'root ::= [a-z]{50}' },
      sampling: { seed: 1 },
    });
    const queued = host.complete(
      { prompt: PROMPT, maxTokens: 60, sampling: { seed: 2 } },
      { signal: controller.signal, onToken: (piece) => tokensOfQueued.push(piece) },
    );
    const third = host.embed('still served');
    controller.abort();
    await expect(queued).rejects.toMatchObject({ code: 'aborted' });
    const [firstResult, embedding] = await Promise.all([first, third]);
    expect(firstResult.text).toHaveLength(50);
    expect(embedding).toHaveLength(64);
    expect(tokensOfQueued).toEqual([]);
  });

  it('fails a call that runs past its time limit with a clear error, replaces the host, and serves the next call', async () => {
    // The limit grows with the tokens asked; a frozen host (SIGSTOP) stands in for a stuck call.
    client = new ModelHostClient({
      engine: 'llama-node',
      callTimeoutMs: (method, params) => (method === 'complete' ? 1_000 + 2 * (params as { maxTokens: number }).maxTokens : 60_000),
    });
    const host = client;
    await host.load({ decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu', threads: 1 });
    const firstPid = host.pid as number;
    let tokens = 0;
    const started = performance.now();
    const stuck = host.complete(
      { prompt: PROMPT, maxTokens: 450, constraint: LONG, sampling: { seed: 1 } },
      { onToken: () => ++tokens === 2 && process.kill(firstPid, 'SIGSTOP') },
    );
    const queued = host.complete({ prompt: PROMPT, maxTokens: 4, sampling: { seed: 2 } });
    await expect(stuck).rejects.toMatchObject({
      code: 'host-timed-out',
      message: expect.stringMatching(/took longer than 1\.9 s to answer and was restarted/),
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect((await queued).timings.decodedTokens).toBeGreaterThan(0);
    expect(host.pid).not.toBe(firstPid);
    expect(() => process.kill(firstPid, 0)).toThrow();
  });

  it('fails a call whose params cannot be sent, alone: the calls after it are served', async () => {
    const host = await loaded();
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 200_000; level++) deep = { items: deep };
    await expect(host.complete({ prompt: PROMPT, maxTokens: 2, constraint: { type: 'json-schema', schema: deep } })).rejects.toMatchObject({
      code: 'invalid-request',
    });
    const next = await host.complete({ prompt: PROMPT, maxTokens: 2, sampling: { seed: 1 } });
    expect(next.timings.decodedTokens).toBeGreaterThan(0);
  });

  it('reports its status: pid, memory, and the loaded engine', async () => {
    const host = await loaded();
    const status = await host.status();
    expect(status.pid).toBe(host.pid);
    expect(status.rssBytes).toBeGreaterThan(1_000_000);
    expect(status.engine).toMatchObject({ engine: 'llama-node', backend: 'cpu', gpuLayers: 0 });
  });
});

describe('model host with the llama-server engine', async () => {
  const { findLlamaServerBinary } = await import('../../native-models/engines/llama-server/compile/llama-server-binary');
  const built = await findLlamaServerBinary();
  it.skipIf(!built)('fails the answer with ModelHostCrashed when llama-server is killed mid-answer, and serves the next one', async () => {
    const { execFileSync } = await import('node:child_process');
    const host = new ModelHostClient({ engine: 'llama-server' });
    try {
      await host.load({ decoderPath: TINY_DECODER, contextSize: 512, backend: 'cpu', threads: 1 });
      const serverPid = (): number =>
        Number(
          execFileSync('ps', ['-o', 'pid=', '--ppid', String(host.pid)], { encoding: 'utf8' })
            .trim()
            .split('\n')[0],
        );
      const first = serverPid();
      let tokens = 0;
      const running = host.complete(
        { prompt: PROMPT, maxTokens: 450, constraint: LONG, sampling: { seed: 1 } },
        { onToken: () => ++tokens === 2 && process.kill(first, 'SIGKILL') },
      );
      const error = await running.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModelHostCrashed);
      expect((error as ModelHostCrashed).detail).toMatch(/SIGKILL/);
      const next = await host.complete({ prompt: PROMPT, maxTokens: 4, sampling: { seed: 2 } });
      expect(next.timings.decodedTokens).toBeGreaterThan(0);
      expect(serverPid()).not.toBe(first);
    } finally {
      await host.dispose();
    }
  });
});
