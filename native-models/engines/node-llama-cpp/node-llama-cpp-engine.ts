/**
 * Engine adapter for node-llama-cpp 3.x: text-only (its 3.x releases take no image input).
 * Runs only inside the model host process.
 */
import type { Llama, LlamaContext, LlamaEmbeddingContext, LlamaGrammar, LlamaModel, Token } from 'node-llama-cpp';
import { ModelError } from '../../errors';
import type {
  Backend,
  BackendChoice,
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
import { REPLACEMENT_CHARACTER } from '../replacement-character';
import { runCompletion, type CompletionRun } from '../run-completion';
import { l2Normalize } from '../l2-normalize';
import { chooseThreads } from '../choose-threads';
import { refuseImageAdapter } from '../refuse-image-adapter';
import { refuseTokenParts } from '../refuse-token-parts';
import { embeddingContextSize, loadedEngineInfo, planLoad } from '../load-plan';

type NodeLlamaCpp = typeof import('node-llama-cpp');

export class NodeLlamaCppEngine implements Engine {
  readonly kind = 'node-llama-cpp' as const;
  private binding: NodeLlamaCpp | null = null;
  private llama: Llama | null = null;
  private llamaBackend: BackendChoice | null = null;
  private model: LlamaModel | null = null;
  private context: LlamaContext | null = null;
  private embeddingContext: LlamaEmbeddingContext | null = null;
  private current: EngineInfo | null = null;
  private threads = 1;

  async load(options: LoadOptions, onProgress?: (fraction: number) => void): Promise<EngineInfo> {
    refuseImageAdapter(options, this.kind);
    const { decoder } = await validateModelPair({ decoder: options.decoderPath });
    if (options.projectorPath) {
      throw new ModelError(
        'images-not-supported',
        'The node-llama-cpp engine cannot use a vision projector. Choose the llama.node engine for images.',
      );
    }
    await this.unload();
    const threadPlan = await chooseThreads(options.threads);
    this.binding ??= await import('node-llama-cpp');
    const llama = await this.llamaFor(options.backend ?? 'auto');
    const plan = planLoad(options, decoder, llama.gpu === false);
    try {
      this.model = await llama.loadModel({
        modelPath: options.decoderPath,
        gpuLayers: plan.offload,
        onLoadProgress: (fraction) => onProgress?.(fraction),
      });
      this.threads = threadPlan.threads;
      this.context = await this.model.createContext({ contextSize: plan.contextSize, threads: this.threads });
    } catch (error) {
      await this.unload();
      throw new ModelError(
        'model-load-failed',
        `The model could not be loaded: ${error instanceof Error ? error.message : error}`,
        String(error),
      );
    }
    const devices = llama.getGpuDeviceNames ? await llama.getGpuDeviceNames().catch(() => []) : [];
    // The binding settles the layers and the context itself: report what it chose.
    this.current = loadedEngineInfo(this.kind, options, {
      backend: (llama.gpu || 'cpu') as Backend,
      devices: devices.length > 0 ? devices : ['CPU'],
      gpuLayers: this.model.gpuLayers,
      totalLayers: plan.totalLayers,
      contextSize: this.context.contextSize,
      threads: this.threads,
      threadsNote: threadPlan.reason,
      vision: false,
      modelName: decoder.name,
    });
    onProgress?.(1);
    return this.current;
  }

  async complete(request: CompletionRequest, handlers: CompletionHandlers = {}): Promise<CompletionResult> {
    const { context } = this.requireLoaded();
    const input = this.tokensOf(request.prompt);
    return runCompletion(request, handlers, {
      promptTokens: input.length + 1, // LlamaCompletion prepends the BOS token
      contextSize: context.contextSize,
      generate: (run) => this.generate(context, input, request, run),
    });
  }

  private async generate(context: LlamaContext, input: Token[], request: CompletionRequest, run: CompletionRun): Promise<void> {
    const grammar = await this.grammarFor(request.constraint, run.schema);
    const completion = new (this.binding as NodeLlamaCpp).LlamaCompletion({ contextSequence: context.getSequence() });
    const { sampling } = run;
    let firstAt: number | null = null;
    try {
      const result = await completion.generateCompletionWithMeta(input, {
        signal: run.signal,
        stopOnAbortSignal: true,
        maxTokens: run.maxTokens,
        temperature: sampling.temperature,
        topP: sampling.topP,
        topK: sampling.topK,
        seed: sampling.seed ?? randomSeed(),
        repeatPenalty: sampling.repeatPenalty === 1 ? false : { penalty: sampling.repeatPenalty, lastTokens: sampling.repeatLastN },
        disableContextShift: true,
        ...(grammar ? { grammar } : {}),
        onToken: (tokens: Token[]) => {
          run.generated += tokens.length;
          firstAt ??= performance.now();
        },
        onTextChunk: (text: string) => run.push(text),
      });
      const reason = result.metadata.stopReason;
      // node-llama-cpp holds back a token whose text is an unfinished character until the
      // character is complete, and drops what it still holds when the token limit ends the
      // answer: the cut shows as U+FFFD, as on every engine. (A JSON grammar holds back trailing
      // spaces the same way, so a count that falls short there proves nothing.)
      if (reason === 'maxTokens' && run.generated < run.maxTokens && !grammar?.trimWhitespaceSuffix) run.push(REPLACEMENT_CHARACTER);
      run.limited = reason === 'maxTokens';
      run.timings = {
        promptTokens: input.length + 1,
        promptMs: (firstAt ?? performance.now()) - run.startedAt,
        decodedTokens: run.generated,
        decodeMs: performance.now() - (firstAt ?? run.startedAt),
      };
    } finally {
      completion.dispose({ disposeSequence: true });
    }
  }

  async embed(text: string): Promise<number[]> {
    const { model } = this.requireLoaded();
    this.embeddingContext ??= await model.createEmbeddingContext({
      contextSize: embeddingContextSize(this.current?.contextSize ?? 2048),
      threads: this.threads,
    });
    const { vector } = await this.embeddingContext.getEmbeddingFor(text);
    return l2Normalize(vector);
  }

  async tokenize(prompt: PromptPart[]): Promise<TokenCount> {
    const tokens = this.tokensOf(prompt);
    const bos = this.requireLoaded().model.tokens.bos;
    const withBos = bos === null ? tokens : [bos, ...tokens];
    return { count: withBos.length, tokens: withBos.map(Number) };
  }

  async detokenize(tokens: number[]): Promise<string> {
    return this.requireLoaded().model.detokenize(tokens as Token[], true);
  }

  async unload(): Promise<void> {
    const { embeddingContext, context, model } = this;
    this.embeddingContext = null;
    this.context = null;
    this.model = null;
    this.current = null;
    await embeddingContext?.dispose();
    await context?.dispose();
    await model?.dispose();
  }

  info(): EngineInfo | null {
    return this.current;
  }

  private async llamaFor(backend: BackendChoice): Promise<Llama> {
    if (this.llama && this.llamaBackend === backend) return this.llama;
    const binding = this.binding as NodeLlamaCpp;
    const gpu = backend === 'auto' ? 'auto' : backend === 'cpu' ? false : backend;
    try {
      this.llama = await binding.getLlama({ gpu, build: 'never', progressLogs: false, logLevel: binding.LlamaLogLevel.error });
    } catch (error) {
      throw new ModelError(
        'backend-unavailable',
        `The ${backend.toUpperCase()} backend is not available on this machine. Choose "auto" or "cpu".`,
        String(error),
      );
    }
    this.llamaBackend = backend;
    return this.llama;
  }

  private requireLoaded(): { model: LlamaModel; context: LlamaContext } {
    if (!this.model || !this.context) throw new ModelError('model-not-loaded', 'No model is loaded yet. Choose a model first.');
    return { model: this.model, context: this.context };
  }

  private tokensOf(prompt: PromptPart[]): Token[] {
    const { model } = this.requireLoaded();
    refuseTokenParts(prompt, this.kind);
    const tokens: Token[] = [];
    for (const part of prompt) {
      if (part.type === 'tokens') continue;
      if (part.type === 'image') {
        throw new ModelError(
          'images-not-supported',
          'This engine cannot see images. Load the model with a vision projector on the llama.node engine.',
        );
      }
      tokens.push(...model.tokenize(part.text, true));
    }
    return tokens;
  }

  private async grammarFor(constraint: OutputConstraint | undefined, schema: CompletionRun['schema']): Promise<LlamaGrammar | null> {
    const llama = this.llama as Llama;
    if (!constraint) return null;
    try {
      if (schema) return await llama.createGrammarForJsonSchema(schema as never);
      if (constraint.type === 'grammar') return await llama.createGrammar({ grammar: constraint.grammar });
      return null;
    } catch (error) {
      throw new ModelError(
        'invalid-request',
        `The answer format could not be understood: ${error instanceof Error ? error.message : error}`,
        String(error),
      );
    }
  }
}

function randomSeed(): number {
  return Math.floor(Math.random() * 2 ** 31);
}
