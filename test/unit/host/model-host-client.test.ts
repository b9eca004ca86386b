/**
 * The client's own logic against a scripted fake host: queueing, abort of queued calls,
 * crash handling and the restart of a wedged host. The real process is covered by
 * test/integration/model-host.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ModelHostClient } from '../../../native-models/host/model-host-client';
import type { HostToMain, HostTransport, MainToHost } from '../../../native-models/host/protocol';
import { ModelHostCrashed } from '../../../native-models/errors';

type Script = (message: MainToHost, host: FakeHost) => void;

class FakeHost implements HostTransport {
  readonly received: MainToHost[] = [];
  private listener: (message: HostToMain) => void = () => {};
  private exitListeners: Array<(exit: { code: number | null; signal: string | null }) => void> = [];
  constructor(
    readonly pid: number,
    private readonly script: Script,
  ) {}
  send(message: MainToHost): void {
    this.received.push(message);
    queueMicrotask(() => this.script(message, this));
  }
  onMessage(listener: (message: HostToMain) => void): void {
    this.listener = listener;
  }
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void {
    this.exitListeners.push(listener);
  }
  reply(message: HostToMain): void {
    this.listener(message);
  }
  kill(): void {
    this.die('SIGKILL');
  }
  die(signal: string): void {
    for (const listener of this.exitListeners) listener({ code: null, signal });
  }
}

const LOAD_INFO = {
  engine: 'llama-node',
  backend: 'cpu',
  devices: ['CPU'],
  gpuLayers: 0,
  totalLayers: 3,
  contextSize: 512,
  threads: 1,
  decoderPath: 'm.gguf',
  projectorPath: null,
  vision: false,
  modelName: 'm',
  embeddings: true,
};

/** Answers load at once; everything else waits for the test to answer. */
function hosts(script: Script = () => {}) {
  const started: FakeHost[] = [];
  const client = new ModelHostClient({
    engine: 'llama-node',
    startHost: () => {
      const host = new FakeHost(100 + started.length, (message, self) => {
        if (message.kind === 'request' && message.method === 'load') self.reply({ kind: 'result', id: message.id, value: LOAD_INFO });
        else script(message, self);
      });
      started.push(host);
      return host;
    },
  });
  return { client, started };
}

const requests = (host: FakeHost) => host.received.filter((message) => message.kind === 'request');

describe('ModelHostClient', () => {
  it('sends one call at a time, in order', async () => {
    const { client, started } = hosts();
    await client.load({ decoderPath: 'm.gguf' });
    const first = client.embed('a');
    const second = client.embed('b');
    await Promise.resolve();
    expect(requests(started[0]!)).toHaveLength(2); // load + first
    const [, firstCall] = requests(started[0]!) as Array<{ id: number }>;
    started[0]!.reply({ kind: 'result', id: firstCall!.id, value: [1] });
    await expect(first).resolves.toEqual([1]);
    expect(requests(started[0]!)).toHaveLength(3);
    const third = requests(started[0]!)[2] as { id: number };
    started[0]!.reply({ kind: 'result', id: third.id, value: [2] });
    await expect(second).resolves.toEqual([2]);
  });

  it('drops an aborted queued call before it is ever sent', async () => {
    const { client, started } = hosts();
    await client.load({ decoderPath: 'm.gguf' });
    const controller = new AbortController();
    void client.embed('running');
    const abortable = client.complete({ prompt: [] }, { signal: controller.signal });
    controller.abort();
    await expect(abortable).rejects.toMatchObject({ code: 'aborted' });
    expect(requests(started[0]!).some((message) => message.method === 'complete')).toBe(false);
  });

  it('rejects running and queued calls with ModelHostCrashed when the host dies, and starts a fresh one next', async () => {
    const { client, started } = hosts();
    await client.load({ decoderPath: 'm.gguf' });
    const running = client.embed('a');
    const queued = client.embed('b');
    started[0]!.die('SIGKILL');
    for (const call of [running, queued]) {
      const error = await call.catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ModelHostCrashed);
      expect((error as ModelHostCrashed).detail).toMatch(/SIGKILL/);
    }
    const next = client.embed('c');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The fresh host gets the model back before the call.
    expect(requests(started[1]!).map((message) => message.method)).toEqual(['load', 'embed']);
    const call = requests(started[1]!)[1] as { id: number };
    started[1]!.reply({ kind: 'result', id: call.id, value: [3] });
    await expect(next).resolves.toEqual([3]);
  });

  it('restarts a wedged host and repeats the call there', async () => {
    let wedged = true;
    const { client, started } = hosts((message, host) => {
      if (message.kind !== 'request') return;
      if (wedged) {
        wedged = false;
        host.reply({ kind: 'error', id: message.id, error: { code: 'host-restart-needed', message: 'restart' } });
      } else {
        host.reply({ kind: 'result', id: message.id, value: { text: 'ok', stopReason: 'end-of-turn', timings: {} } });
      }
    });
    await client.load({ decoderPath: 'm.gguf' });
    await expect(client.complete({ prompt: [] })).resolves.toMatchObject({ text: 'ok' });
    expect(started).toHaveLength(2);
    expect(requests(started[1]!).map((message) => message.method)).toEqual(['load', 'complete']);
  });

  it('hides tokens that arrive after a cancel went out', async () => {
    const { client, started } = hosts();
    await client.load({ decoderPath: 'm.gguf' });
    const controller = new AbortController();
    const seen: string[] = [];
    const answer = client.complete({ prompt: [] }, { signal: controller.signal, onToken: (piece) => seen.push(piece) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const call = requests(started[0]!)[1] as { id: number };
    started[0]!.reply({ kind: 'token', id: call.id, text: 'one' });
    controller.abort();
    started[0]!.reply({ kind: 'token', id: call.id, text: 'two' });
    started[0]!.reply({ kind: 'error', id: call.id, error: { code: 'aborted', message: 'Cancelled.' } });
    await expect(answer).rejects.toMatchObject({ code: 'aborted' });
    expect(seen).toEqual(['one']);
    expect(started[0]!.received.some((message) => message.kind === 'abort')).toBe(true);
  });
});

describe('processes the host started', () => {
  it('are killed when the host goes, unless they ended first', async () => {
    const { spawn } = await import('node:child_process');
    const left = spawn('sleep', ['60']);
    const ended = spawn('sleep', ['60']);
    const leftExit = new Promise<string | null>((resolve) => left.once('exit', (_code, signal) => resolve(signal)));
    const { client, started } = hosts();
    await client.load({ decoderPath: 'm.gguf' });
    const host = started[0]!;
    host.reply({ kind: 'child-process', pid: left.pid!, running: true });
    host.reply({ kind: 'child-process', pid: ended.pid!, running: true });
    host.reply({ kind: 'child-process', pid: ended.pid!, running: false });
    host.die('SIGKILL');
    await expect(leftExit).resolves.toBe('SIGKILL');
    expect(ended.exitCode).toBeNull();
    expect(ended.signalCode).toBeNull();
    ended.kill();
  });
});
