/**
 * A benchmark worker that calls one binding directly, with none of the studio in between:
 * the baseline the model host is compared against. Started by bench-engine.ts.
 */
import { startTokenClock, type RunMeasure } from './bench-measure';

export type DirectBinding = 'llama-node' | 'node-llama-cpp';

export type WorkerRequest =
  | { kind: 'load'; binding: DirectBinding; decoder: string; projector?: string; contextSize: number; threads: number }
  | { kind: 'run'; prompt: string; image?: string; genTokens: number; seed: number }
  | { kind: 'peak-rss' };

export type WorkerReply =
  { kind: 'loaded' } | { kind: 'result'; measure: RunMeasure } | { kind: 'peak-rss'; bytes: number } | { kind: 'error'; message: string };

interface Runner {
  run(prompt: string, image: string | undefined, genTokens: number, seed: number): Promise<RunMeasure>;
}

async function loadLlamaNode(request: Extract<WorkerRequest, { kind: 'load' }>): Promise<Runner> {
  const { loadModel } = await import('@fugood/llama.node');
  const open = async () => {
    const context = await loadModel({
      model: request.decoder,
      n_ctx: request.contextSize,
      n_threads: request.threads,
      n_gpu_layers: 0,
      n_parallel: 1,
    });
    if (request.projector) context.initMultimodal({ path: request.projector, use_gpu: false });
    return context;
  };
  let context = await open();
  const runner: Runner = {
    async run(prompt, image, genTokens, seed) {
      try {
        return await runOnce(prompt, image, genTokens, seed);
      } catch (error) {
        // llama.node can wedge after a very fast completion (see docs/ARCHITECTURE.md): a fresh
        // context, once. The wedged one is left alone: releasing it touches freed memory.
        if (!/another completion is in progress/i.test(String(error))) throw error;
        context = await open();
        return runOnce(prompt, image, genTokens, seed);
      }
    },
  };
  async function runOnce(prompt: string, image: string | undefined, genTokens: number, seed: number): Promise<RunMeasure> {
    {
      const clock = startTokenClock();
      const result = await context.completion(
        {
          prompt,
          media_paths: image ? [image] : undefined,
          n_predict: genTokens,
          seed,
          temperature: 0.8,
          top_k: 40,
          top_p: 0.95,
          min_p: 0,
          dry_multiplier: 0,
          ignore_eos: true,
        },
        () => clock.tick(),
      );
      return clock.finish(result.timings.prompt_n);
    }
  }
  return runner;
}

async function loadNodeLlamaCpp(request: Extract<WorkerRequest, { kind: 'load' }>): Promise<Runner> {
  const { getLlama, LlamaCompletion, LlamaLogLevel } = await import('node-llama-cpp');
  const llama = await getLlama({ gpu: false, build: 'never', progressLogs: false, logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: request.decoder, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: request.contextSize, threads: request.threads });
  return {
    async run(prompt, _image, genTokens, seed) {
      const tokens = model.tokenize(prompt, true);
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      const clock = startTokenClock();
      try {
        await completion.generateCompletion(tokens, {
          maxTokens: genTokens,
          seed,
          temperature: 0.8,
          topK: 40,
          topP: 0.95,
          repeatPenalty: false,
          onToken: () => clock.tick(),
        });
      } finally {
        completion.dispose({ disposeSequence: true });
      }
      return clock.finish(tokens.length + 1);
    },
  };
}

let runner: Runner | null = null;
const reply = (message: WorkerReply): void => {
  process.send?.(message);
};

process.on('message', async (request: WorkerRequest) => {
  try {
    if (request.kind === 'load') {
      runner = request.binding === 'llama-node' ? await loadLlamaNode(request) : await loadNodeLlamaCpp(request);
      reply({ kind: 'loaded' });
    } else if (request.kind === 'run') {
      if (!runner) throw new Error('not loaded');
      reply({ kind: 'result', measure: await runner.run(request.prompt, request.image, request.genTokens, request.seed) });
    } else {
      reply({ kind: 'peak-rss', bytes: process.resourceUsage().maxRSS * 1024 });
    }
  } catch (error) {
    reply({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
