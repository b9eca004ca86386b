/**
 * The model host: the only place native bindings are loaded. It serves one request at a time
 * (the client queues), validates model files before any native call (one binding segfaults on
 * a missing path), and turns every failure into a typed error payload.
 */
import { AbortedError, ModelError, toErrorPayload } from '../errors';
import type { Engine, EngineKind } from '../engines/engine';
import { createEngine } from '../engines/create-engine';
import type { HostPort, HostRequest, HostToMain } from './protocol';
import { watchChildProcesses } from '../engines/child-processes';
import { checkConstraint } from '../engines/constraints/check-constraint';

export function serveModelHost(port: HostPort): void {
  let engine: Engine | null = null;
  const running = new Map<number, AbortController>();
  let chain: Promise<void> = Promise.resolve();
  const startedAt = Date.now();

  const send = (message: HostToMain): void => port.send(message);
  watchChildProcesses((pid, running) => send({ kind: 'child-process', pid, running }));

  async function engineFor(kind: EngineKind): Promise<Engine> {
    if (engine && engine.kind === kind) return engine;
    if (engine) await engine.unload();
    engine = await createEngine(kind);
    return engine;
  }

  function loaded(): Engine {
    if (!engine || !engine.info()) throw new ModelError('model-not-loaded', 'No model is loaded yet. Choose a model first.');
    return engine;
  }

  async function handle(request: HostRequest, signal: AbortSignal): Promise<unknown> {
    const { id } = request;
    switch (request.method) {
      case 'load': {
        const target = await engineFor(request.params.engine);
        return target.load(request.params.options, (fraction) => send({ kind: 'progress', id, fraction }));
      }
      case 'complete': {
        // Native converters abort the whole process on some bad formats: nothing unchecked reaches them.
        const constraint = checkConstraint(request.params.constraint);
        const params = { ...request.params, ...(constraint ? { constraint } : {}) };
        return loaded().complete(params, { signal, onToken: (text) => send({ kind: 'token', id, text }) });
      }
      case 'embed':
        return loaded().embed(request.params.text);
      case 'tokenize':
        return loaded().tokenize(request.params.prompt);
      case 'detokenize':
        return loaded().detokenize(request.params.tokens);
      case 'unload':
        await engine?.unload();
        return null;
      case 'status':
        return {
          pid: process.pid,
          engine: engine?.info() ?? null,
          rssBytes: process.memoryUsage.rss(),
          peakRssBytes: process.resourceUsage().maxRSS * 1024,
          uptimeMs: Date.now() - startedAt,
        };
    }
  }

  port.onMessage((message) => {
    if (message.kind === 'abort') {
      running.get(message.id)?.abort();
      return;
    }
    const controller = new AbortController();
    running.set(message.id, controller);
    chain = chain.then(async () => {
      try {
        if (controller.signal.aborted) throw new AbortedError();
        const value = await handle(message, controller.signal);
        send({ kind: 'result', id: message.id, value });
      } catch (error) {
        send({ kind: 'error', id: message.id, error: toErrorPayload(error) });
      } finally {
        running.delete(message.id);
      }
    });
  });

  send({ kind: 'ready', pid: process.pid });
}
