/**
 * Engine adapter for @fugood/llama.node: decoder plus vision projector through llama.cpp's mtmd.
 * Runs only inside the model host process.
 */
import { ModelError } from '../../errors';
import type {
  CompletionHandlers,
  CompletionRequest,
  CompletionResult,
  Engine,
  EngineInfo,
  LoadOptions,
  OutputConstraint,
  PromptPart,
  TokenCount,
} from '../engine';
import { validateModelPair } from '../../gguf/validate-model';
import { imageToMediaPath } from './media-path';
import { pickLlamaNodeVariant } from './pick-variant';
import { runCompletion, type CompletionRun } from '../run-completion';
import { chooseThreads } from '../choose-threads';
import { readTokenizerFacts } from '../../gguf/tokenizer-facts';
import { refuseImageAdapter } from '../refuse-image-adapter';
import { refuseTokenParts } from '../refuse-token-parts';
import { refuseLlavaGraph } from './refuse-llava-graph';
import { DEFAULT_CONTEXT_SIZE, embeddingContextSize, loadedEngineInfo, planLoad } from '../load-plan';
import { NO_MODEL_TEMPLATE } from '../no-model-template';

type LlamaNode = typeof import('@fugood/llama.node');
type LlamaContext = Awaited<ReturnType<LlamaNode['loadModel']>>;

const MEDIA_MARKER = '<__media__>';

export class LlamaNodeEngine implements Engine {
  readonly kind = 'llama-node' as const;
  private context: LlamaContext | null = null;
  private embeddingContext: LlamaContext | null = null;
  private current: EngineInfo | null = null;
  private loadOptions: LoadOptions | null = null;
  private binding: LlamaNode | null = null;
  private variant: 'default' | 'cuda' | 'vulkan' = 'default';
  /** The BOS token llama.cpp puts in front of every prompt, or null; tokenize() does not show it. */
  private bosToken: number | null = null;

  async load(options: LoadOptions, onProgress?: (fraction: number) => void): Promise<EngineInfo> {
    refuseImageAdapter(options, this.kind);
    const { decoder, projector } = await validateModelPair({ decoder: options.decoderPath, projector: options.projectorPath });
    refuseLlavaGraph(projector?.projectorType, options.projectorPath);
    const facts = await readTokenizerFacts(options.decoderPath);
    await this.unload();
    const threadPlan = await chooseThreads(options.threads);
    this.binding ??= await import('@fugood/llama.node');
    const choice = await pickLlamaNodeVariant(this.binding, options.backend ?? 'auto');
    this.variant = choice.variant;
    const plan = planLoad(options, decoder, choice.backend === 'cpu');
    const { contextSize, gpuLayers } = plan;
    const threads = threadPlan.threads;
    let context: LlamaContext;
    try {
      context = await this.binding.loadModel(
        {
          model: options.decoderPath,
          chat_template: NO_MODEL_TEMPLATE,
          n_ctx: contextSize,
          n_gpu_layers: gpuLayers,
          lib_variant: choice.variant,
          n_threads: threads,
          n_parallel: 1,
          ...(options.fullPrecision ? { flash_attn_type: 'off' as const, cache_type_k: 'f32' as const, cache_type_v: 'f32' as const } : {}),
        },
        (fraction: number) => onProgress?.(fraction),
      );
    } catch (error) {
      throw new ModelError('model-load-failed', `The model could not be loaded: ${errorText(error)}`, String(error));
    }
    if (options.projectorPath) {
      const ok = context.initMultimodal({ path: options.projectorPath, use_gpu: choice.backend !== 'cpu' });
      if (!ok) {
        await context.release();
        throw new ModelError('model-load-failed', 'The vision projector could not be loaded with this model.', options.projectorPath);
      }
    }
    this.context = context;
    this.loadOptions = { ...options, contextSize };
    this.bosToken = facts.addBos && facts.bosTokenId !== undefined ? facts.bosTokenId : null;
    this.current = loadedEngineInfo(this.kind, options, {
      backend: choice.backend,
      devices: usedDevices(context),
      gpuLayers,
      totalLayers: plan.totalLayers,
      contextSize,
      threads,
      threadsNote: threadPlan.reason,
      vision: Boolean(projector),
      modelName: decoder.name,
    });
    onProgress?.(1);
    return this.current;
  }

  async complete(request: CompletionRequest, handlers: CompletionHandlers = {}): Promise<CompletionResult> {
    const context = this.requireContext();
    const { prompt, mediaPaths } = await this.renderPrompt(request.prompt);
    const counted = await context.tokenize(prompt, { media_paths: mediaPaths });
    return runCompletion(request, handlers, {
      promptTokens: counted.tokens.length + (this.bosToken === null ? 0 : 1),
      contextSize: this.current?.contextSize ?? DEFAULT_CONTEXT_SIZE,
      generate: (run) => generate(context, prompt, mediaPaths, request.constraint, run),
      failure: (error) =>
        // A format llama.cpp refuses is this request's fault (a 400), not the engine's.
        /failed to parse grammar|json schema/i.test(errorText(error))
          ? new ModelError('invalid-request', `The answer format cannot be used: ${errorText(error)}`, String(error))
          : new ModelError('engine-failed', `The model failed while answering: ${errorText(error)}`, String(error)),
    });
  }

  async embed(text: string): Promise<number[]> {
    const context = await this.requireEmbeddingContext();
    // Without this, the previous text's cache leaks into the next embedding.
    context.clearCache();
    const { embedding } = await context.embedding(text, { embd_normalize: 2 });
    return Array.from(embedding);
  }

  async tokenize(prompt: PromptPart[]): Promise<TokenCount> {
    const context = this.requireContext();
    const rendered = await this.renderPrompt(prompt);
    const result = await context.tokenize(rendered.prompt, { media_paths: rendered.mediaPaths });
    const bos = this.bosToken === null ? [] : [this.bosToken];
    const tokens = [...bos, ...Array.from(result.tokens).filter((token) => token >= 0)];
    return { count: result.tokens.length + bos.length, tokens };
  }

  detokenize(tokens: number[]): Promise<string> {
    return this.requireContext().detokenize(tokens);
  }

  async unload(): Promise<void> {
    const contexts = [this.context, this.embeddingContext];
    this.context = null;
    this.embeddingContext = null;
    this.current = null;
    for (const context of contexts) await context?.release();
  }

  info(): EngineInfo | null {
    return this.current;
  }

  private requireContext(): LlamaContext {
    if (!this.context) throw new ModelError('model-not-loaded', 'No model is loaded yet. Choose a model first.');
    return this.context;
  }

  /** Embeddings need a context created for them; made on first use, sharing the mapped weights. */
  private async requireEmbeddingContext(): Promise<LlamaContext> {
    this.requireContext();
    if (this.embeddingContext) return this.embeddingContext;
    const options = this.loadOptions as LoadOptions;
    this.embeddingContext = await (this.binding as LlamaNode).loadModel({
      model: options.decoderPath,
      chat_template: NO_MODEL_TEMPLATE,
      embedding: true,
      pooling_type: 'mean',
      n_ctx: embeddingContextSize(options.contextSize ?? DEFAULT_CONTEXT_SIZE),
      n_gpu_layers: this.current?.gpuLayers ?? 0,
      lib_variant: this.variant,
      n_parallel: 1,
      n_threads: this.current?.threads ?? 1,
    });
    return this.embeddingContext;
  }

  private async renderPrompt(parts: PromptPart[]): Promise<{ prompt: string; mediaPaths: string[] }> {
    refuseTokenParts(parts, this.kind);
    const mediaPaths: string[] = [];
    let prompt = '';
    for (const part of parts) {
      if (part.type === 'text') {
        prompt += part.text;
        continue;
      }
      if (part.type !== 'image') continue;
      if (!this.current?.vision) {
        throw new ModelError(
          'images-not-supported',
          'This model cannot see images: load it with a vision projector to ask about pictures.',
        );
      }
      mediaPaths.push(await imageToMediaPath(part.image));
      prompt += MEDIA_MARKER;
    }
    return { prompt, mediaPaths };
  }
}

async function generate(
  context: LlamaContext,
  prompt: string,
  mediaPaths: string[],
  constraint: OutputConstraint | undefined,
  run: CompletionRun,
): Promise<void> {
  const { sampling, schema } = run;
  run.signal.addEventListener('abort', () => context.stopCompletion(), { once: true });
  const result = await whenIdle(() =>
    context.completion(
      {
        prompt,
        media_paths: mediaPaths.length > 0 ? mediaPaths : undefined,
        n_predict: run.maxTokens,
        temperature: sampling.temperature,
        top_p: sampling.topP,
        top_k: sampling.topK,
        penalty_repeat: sampling.repeatPenalty,
        penalty_last_n: sampling.repeatLastN,
        seed: sampling.seed ?? -1,
        // llama.node turns on min-p and DRY by default; the studio's sampling is exactly what it asks for.
        min_p: 0,
        dry_multiplier: 0,
        // Stop strings are handled by the stream collector: llama.node's own handling withholds
        // the text before a stop string from the token callback.
        ...(schema ? { response_format: { type: 'json_schema' as const, json_schema: { strict: true, schema } } } : {}),
        ...(constraint?.type === 'grammar' ? { grammar: constraint.grammar } : {}),
      },
      // Tokens the native side produced before it saw the stop are dropped, not shown.
      (token) => run.push(token.token),
    ),
  );
  // Token callbacks cross threads and can trail the result: take the rest from the final text.
  const seen = run.received();
  if (result.text.length > seen.length && result.text.startsWith(seen)) run.push(result.text.slice(seen.length));
  run.generated = result.tokens_predicted;
  // llama.node leaves a token it holds back as part of a cut character out of tokens_predicted and
  // then reports no stop at all: when it reports neither the end of the turn nor a stop word, the
  // limit stopped it.
  const unexplained = result.stopped_eos !== true && result.stopped_words !== true && result.stopped_word !== true && !result.interrupted;
  run.limited = result.stopped_limited === true || result.tokens_predicted >= run.maxTokens || result.context_full || unexplained;
  run.timings = {
    promptTokens: result.timings.prompt_n,
    promptMs: result.timings.prompt_ms,
    decodedTokens: result.timings.predicted_n,
    decodeMs: result.timings.predicted_ms,
  };
}

function usedDevices(context: LlamaContext): string[] {
  try {
    const devices = context.getUsedDevices();
    if (devices.length > 0) return devices;
  } catch {
    // older builds lack the call
  }
  return ['CPU'];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * llama.node 1.7.x queues its completion worker before registering the callback that marks the
 * context idle; when the worker finishes inside that window, the context stays "busy" for good
 * and every later completion is refused with "Another completion is in progress". The host runs
 * one call at a time, so that refusal always means this state. The only clean way out is a
 * fresh process: the client restarts the host and repeats the call.
 */
async function whenIdle<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (/another completion is in progress/i.test(errorText(error))) {
      throw new ModelError('host-restart-needed', 'The model engine needs a restart.', errorText(error));
    }
    throw error;
  }
}
