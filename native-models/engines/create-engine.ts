import type { Engine, EngineKind } from './engine';

/** Loads only the binding that is asked for: each pulls in megabytes of native code. */
export async function createEngine(kind: EngineKind): Promise<Engine> {
  switch (kind) {
    case 'llama-node': {
      const { LlamaNodeEngine } = await import('./llama-node/llama-node-engine');
      return new LlamaNodeEngine();
    }
    case 'llama-server': {
      const { LlamaServerEngine } = await import('./llama-server/llama-server-engine');
      // The server's log travels with the host's own output to the client's log, never the UI.
      return new LlamaServerEngine((line) => process.stderr.write(`[llama-server] ${line}\n`));
    }
    case 'openai-compatible': {
      const { OpenAICompatibleEngine } = await import('./openai-compatible/openai-compatible-engine');
      return new OpenAICompatibleEngine();
    }
    case 'node-llama-cpp': {
      const { NodeLlamaCppEngine } = await import('./node-llama-cpp/node-llama-cpp-engine');
      return new NodeLlamaCppEngine();
    }
  }
}
