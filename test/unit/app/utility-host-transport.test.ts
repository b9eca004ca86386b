import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  stdout = new PassThrough();
  stderr = new PassThrough();
  posted: unknown[] = [];
  killed = 0;
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed += 1;
    return true;
  }
}

const forks = vi.hoisted(() => ({ calls: [] as Array<{ entry: string; options: unknown; child: unknown }> }));

vi.mock('electron', () => ({
  utilityProcess: {
    fork: (entry: string, _args: string[], options: unknown) => {
      const child = new FakeUtilityProcess();
      forks.calls.push({ entry, options, child });
      return child;
    },
  },
}));

const { utilityHostTransport } = await import('../../../electron/app/utility-host-transport');

describe('the model host as a utilityProcess', () => {
  it('forks the host bundle with piped output and carries messages both ways', () => {
    const transport = utilityHostTransport('/app/.vite/build/host-main.cjs');
    const { entry, options, child } = forks.calls.at(-1) as { entry: string; options: { stdio: string }; child: FakeUtilityProcess };
    expect(entry).toBe('/app/.vite/build/host-main.cjs');
    expect(options.stdio).toBe('pipe');
    expect(transport.pid).toBeUndefined();
    child.pid = 4242;
    expect(transport.pid).toBe(4242);

    const received: unknown[] = [];
    transport.onMessage((message) => received.push(message));
    transport.send({ kind: 'request', id: 1, method: 'status', params: {} });
    child.emit('message', { kind: 'ready', pid: 4242 });
    expect(child.posted).toEqual([{ kind: 'request', id: 1, method: 'status', params: {} }]);
    expect(received).toEqual([{ kind: 'ready', pid: 4242 }]);
  });

  it("passes the host's output on line by line", async () => {
    const transport = utilityHostTransport('host-main.cjs');
    const child = forks.calls.at(-1)?.child as FakeUtilityProcess;
    const lines: string[] = [];
    transport.onLog?.((line) => lines.push(line));
    child.stdout.write('llama_model_load: loaded\npartial');
    child.stderr.write('ggml: warning\n');
    child.stdout.end(' line\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.sort()).toEqual(['ggml: warning', 'llama_model_load: loaded', 'partial line']);
  });

  it('reports the exit once, then sends and kills nothing', () => {
    const transport = utilityHostTransport('host-main.cjs');
    const child = forks.calls.at(-1)?.child as FakeUtilityProcess;
    const exits: unknown[] = [];
    transport.onExit((exit) => exits.push(exit));
    child.emit('exit', 134);
    child.emit('exit', 134);
    transport.send({ kind: 'abort', id: 3 });
    transport.kill();
    expect(exits).toEqual([{ code: 134, signal: null }]);
    expect(child.posted).toEqual([]);
    expect(child.killed).toBe(0);
  });
});
