/**
 * Engine adapter for llama.cpp's own llama-server, built from the llama.cpp source that
 * node-llama-cpp ships (npm run build:llama-server): as fast as llama.cpp itself, images
 * included. It runs inside the model host, which supervises the server process: when the
 * server dies mid-answer the call fails with ModelHostCrashed and the next call starts it again.
 */
import { ModelError, ModelHostCrashed } from '../../errors';
import type {
  CompletionHandlers,
  CompletionRequest,
  CompletionResult,
  Engine,
  EngineInfo,
  LoadOptions,
  PromptPart,
  TokenCount,
  TokenProbabilities,
} from '../engine';
import { validateModelPair } from '../../gguf/validate-model';
import { runCompletion, type CompletionRun } from '../run-completion';
import { chooseThreads } from '../choose-threads';
import { imageInputBytes } from '../image-input-bytes';
import { l2Normalize } from '../l2-normalize';
import { findLlamaServerBinary } from './compile/llama-server-binary';
import { REPLACEMENT_CHARACTER } from '../replacement-character';
import { ACCEPT_ANY_TEXT, postJson, streamCompletion, type CompletionChunk } from './llama-server-api';
import { MEDIA_MARKER, startLlamaServer, type RunningLlamaServer } from './llama-server-process';
import { serverBackendInfo } from './server-backend';
import { promptCacheMiB } from './prompt-cache-size';
import { binaryHasPatch } from './binary-patches';
import { DEFAULT_CONTEXT_SIZE, embeddingContextSize, loadedEngineInfo, planLoad } from '../load-plan';

export class LlamaServerEngine implements Engine {
  readonly kind = 'llama-server' as const;
  private server: RunningLlamaServer | null = null;
  private embeddingServer: RunningLlamaServer | null = null;
  private binary: string | null = null;
  private options: LoadOptions | null = null;
  private current: EngineInfo | null = null;
  private tokensPerImage = 0;
  private promptCacheMiB = 0;

  constructor(private readonly onLog?: (line: string) => void) {}

  async load(options: LoadOptions, onProgress?: (fraction: number) => void): Promise<EngineInfo> {
    const { decoder, projector } = await validateModelPair({ decoder: options.decoderPath, projector: options.projectorPath });
    const found = await findLlamaServerBinary();
    if (!found) {
      throw new ModelError(
        'backend-unavailable',
        'The llama-server engine is not built on this machine. Run "npm run build:llama-server", or choose another engine.',
      );
    }
    if (options.imageAdapterPath && !(await binaryHasPatch(found.server, 'imageAdapter'))) {
      throw new ModelError(
        'backend-unavailable',
        'This llama-server cannot apply an adapter to picture tokens only, which this model (InternLM-XComposer2) needs. Rebuild it with "npm run build:llama-server".',
        `${found.server} lacks the partial-lora patch`,
      );
    }
    await this.unload();
    onProgress?.(0);
    const plan = planLoad(options, decoder, options.backend === 'cpu');
    const { contextSize, gpuLayers } = plan;
    // Measured after the old server is gone, so its threads do not count as another program's.
    const threadPlan = await chooseThreads(options.threads);
    const threads = threadPlan.threads;
    this.binary = found.server;
    this.options = { ...options, contextSize, threads, gpuLayers };
    this.tokensPerImage = projector?.tokensPerImage ?? 0;
    this.promptCacheMiB = promptCacheMiB(decoder, contextSize, Boolean(options.fullPrecision));
    this.server = await this.startServer(false);
    this.current = loadedEngineInfo(this.kind, options, {
      // ggml chose the backend and CPU variant as the server started; the probe reads its choice.
      ...(await serverBackendInfo(found.server, gpuLayers)),
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
    const server = await this.liveServer();
    const prompt = await this.renderPrompt(request.prompt);
    const counted = await this.tokenize(request.prompt);
    return runCompletion(request, handlers, {
      promptTokens: counted.count,
      contextSize: this.current?.contextSize ?? DEFAULT_CONTEXT_SIZE,
      generate: (run) => this.generate(server, prompt, request, run),
      failure: (error) => this.failure(error),
    });
  }

  private async generate(server: RunningLlamaServer, prompt: unknown, request: CompletionRequest, run: CompletionRun): Promise<void> {
    const { sampling, schema } = run;
    const body: Record<string, unknown> = {
      prompt,
      n_predict: run.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      top_k: sampling.topK,
      min_p: 0,
      repeat_penalty: sampling.repeatPenalty,
      repeat_last_n: sampling.repeatLastN,
      seed: sampling.seed ?? -1,
      cache_prompt: true,
      // Every chunk carries the counts (prompt evaluated, taken from the cache, generated): an
      // answer ended at a stop string closes the connection before the final chunk.
      timings_per_token: true,
      chat_parser: ACCEPT_ANY_TEXT,
      ...(schema ? { json_schema: schema } : {}),
      ...(request.constraint?.type === 'grammar' ? { grammar: request.constraint.grammar } : {}),
      ...(request.probs ? { n_probs: request.probs, post_sampling_probs: false } : {}),
    };
    const tokenProbs: TokenProbabilities[] = [];
    if (request.probs) run.tokenProbs = tokenProbs;
    // Tokens whose text has been sent: each chunk while streaming counts every token generated so far.
    let sentThrough = 0;
    // Closing the connection (run.signal) is how llama-server is told to stop.
    for await (const chunk of streamCompletion(server, body, run.signal)) {
      if (chunk.content) run.generated++;
      run.limited = chunk.stop_type === 'limit';
      run.timings = chunkTimings(chunk, run.generated);
      for (const entry of chunk.completion_probabilities ?? []) tokenProbs.push(tokenProbabilities(entry));
      // The server holds back a token until its text is complete UTF-8 and never sends bytes
      // still held when generation ends (a multi-byte character cut by the token limit, or
      // lone high bytes): tokens predicted past the last sent chunk mean text was cut there. (A
      // count of chunks falls short after any character written as several byte tokens, sent in
      // one chunk: a JSON answer then ended in a U+FFFD and failed its schema.)
      const cutOff = chunk.stop && (chunk.tokens_predicted ?? 0) > sentThrough;
      if (!chunk.stop) sentThrough = chunk.tokens_predicted ?? sentThrough + 1;
      if (run.push((chunk.content ?? '') + (cutOff ? REPLACEMENT_CHARACTER : '')) || chunk.stop) break;
    }
  }

  async embed(text: string): Promise<number[]> {
    this.requireLoaded();
    this.embeddingServer ??= await this.startServer(true);
    try {
      const result = await postJson<Array<{ embedding: number[][] | number[] }> | { embedding: number[] }>(
        this.embeddingServer,
        '/embedding',
        { content: text, embd_normalize: 2 },
      );
      const first = Array.isArray(result) ? result[0]?.embedding : result.embedding;
      const vector = Array.isArray(first?.[0]) ? (first?.[0] as number[]) : (first as number[]);
      return l2Normalize(vector);
    } catch (error) {
      if (error instanceof ModelError) throw error;
      this.embeddingServer = null;
      throw new ModelHostCrashed('The model stopped unexpectedly. It will restart on the next request.', String(error));
    }
  }

  async tokenize(prompt: PromptPart[]): Promise<TokenCount> {
    const images = prompt.filter((part) => part.type === 'image').length;
    if (images > 0 && !this.current?.vision) throw imagesNotSupported();
    const tokens: number[] = [];
    if (prompt.some((part) => part.type === 'tokens')) {
      // Taken as it is: ids as given, text without a BOS (see PromptPart).
      for (const part of prompt)
        if (part.type === 'tokens') tokens.push(...part.tokens);
        else if (part.type === 'text') tokens.push(...(await this.textIds(part.text, false)));
    } else tokens.push(...(await this.textIds(prompt.map((part) => (part.type === 'text' ? part.text : '')).join(''), true)));
    // llama-server has no image tokenizer endpoint: images count at the projector's tokens per tile.
    return { count: tokens.length + images * this.tokensPerImage, tokens };
  }

  private async textIds(content: string, addSpecial: boolean): Promise<number[]> {
    const { tokens } = await postJson<{ tokens: number[] }>(await this.liveServer(), '/tokenize', {
      content,
      add_special: addSpecial,
      parse_special: true,
    });
    return tokens;
  }

  async detokenize(tokens: number[]): Promise<string> {
    const { content } = await postJson<{ content: string }>(await this.liveServer(), '/detokenize', { tokens });
    return content;
  }

  async unload(): Promise<void> {
    const servers = [this.server, this.embeddingServer];
    this.server = null;
    this.embeddingServer = null;
    this.current = null;
    await Promise.all(servers.map((server) => server?.stop()));
  }

  info(): EngineInfo | null {
    return this.current;
  }

  private requireLoaded(): LoadOptions {
    if (!this.options || !this.current) throw new ModelError('model-not-loaded', 'No model is loaded yet. Choose a model first.');
    return this.options;
  }

  private startServer(embeddings: boolean): Promise<RunningLlamaServer> {
    const options = this.options;
    if (!options || !this.binary) throw new ModelError('model-not-loaded', 'No model is loaded yet. Choose a model first.');
    return startLlamaServer({
      binary: this.binary,
      model: options.decoderPath,
      projector: options.projectorPath,
      ...(options.imageAdapterPath ? { imageAdapter: options.imageAdapterPath } : {}),
      ...(options.fullPrecision ? { fullPrecision: true } : {}),
      contextSize: embeddings
        ? embeddingContextSize(options.contextSize ?? DEFAULT_CONTEXT_SIZE)
        : (options.contextSize ?? DEFAULT_CONTEXT_SIZE),
      threads: options.threads ?? 1,
      gpuLayers: typeof options.gpuLayers === 'number' ? options.gpuLayers : 0,
      embeddings,
      promptCacheMiB: this.promptCacheMiB,
      onLog: this.onLog,
    });
  }

  /** The running server, restarted first if it died since the last call. */
  private async liveServer(): Promise<RunningLlamaServer> {
    this.requireLoaded();
    if (!this.server || (await isGone(this.server))) this.server = await this.startServer(false);
    return this.server;
  }

  private async failure(error: unknown): Promise<ModelError> {
    if (this.server && (await isGone(this.server, 500))) {
      const how = await this.server.exited;
      this.server = null;
      return new ModelHostCrashed(
        'The model stopped unexpectedly (it may have run out of memory). Your work is safe; the model will restart on the next request.',
        how,
      );
    }
    return new ModelError(
      'engine-failed',
      `The model failed while answering: ${error instanceof Error ? error.message : String(error)}`,
      String(error),
    );
  }

  /**
   * /completion's `prompt`: a string, or with pictures `{prompt_string, multimodal_data}`; a
   * prompt with token parts as an array of ids and strings (`prompt_string` too, with pictures:
   * our token-prompt patch), which llama-server tokenises without adding a BOS as long as it does
   * not start with a string.
   */
  private async renderPrompt(parts: PromptPart[]): Promise<unknown> {
    const exact = parts.some((part) => part.type === 'tokens');
    const pieces: Array<string | number> = [];
    const media: string[] = [];
    for (const part of parts) {
      if (part.type === 'tokens') {
        pieces.push(...part.tokens);
        continue;
      }
      if (part.type === 'text') {
        if (exact && pieces.length === 0) pieces.push(...(await this.textIds(part.text, false)));
        else pieces.push(part.text);
        continue;
      }
      if (!this.current?.vision) throw imagesNotSupported();
      const { bytes } = await imageInputBytes(part.image);
      media.push(Buffer.from(bytes).toString('base64'));
      pieces.push(MEDIA_MARKER);
    }
    if (!exact) {
      const text = pieces.join('');
      return media.length > 0 ? { prompt_string: text, multimodal_data: media } : text;
    }
    if (media.length === 0) return pieces;
    if (!(await binaryHasPatch(this.binary as string, 'tokenPrompts')))
      throw new ModelError(
        'backend-unavailable',
        'This llama-server cannot take a prompt as token ids with pictures, which this model needs. Rebuild it with "npm run build:llama-server".',
        `${String(this.binary)} lacks the multimodal-token-prompt patch`,
      );
    return { prompt_string: pieces, multimodal_data: media };
  }
}

function imagesNotSupported(): ModelError {
  return new ModelError('images-not-supported', 'This model cannot see images: load it with a vision projector to ask about pictures.');
}

/** Whether the server process has exited (waiting up to `graceMs` for the exit to be noticed). */
async function isGone(server: RunningLlamaServer, graceMs = 0): Promise<boolean> {
  const gone = await Promise.race([
    server.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs)),
  ]);
  return gone;
}

/** The counts the last chunk carries (every chunk does: timings_per_token). */
function chunkTimings(chunk: CompletionChunk, decoded: number): CompletionRun['timings'] {
  return {
    promptTokens: chunk.timings?.prompt_n ?? chunk.tokens_evaluated ?? 0,
    ...(chunk.timings?.cache_n === undefined ? {} : { cachedTokens: chunk.timings.cache_n }),
    ...(chunk.timings?.folio_pictures_encoded === undefined ? {} : { pictureChunksEncoded: chunk.timings.folio_pictures_encoded }),
    promptMs: chunk.timings?.prompt_ms ?? 0,
    decodedTokens: chunk.timings?.predicted_n ?? decoded,
    decodeMs: chunk.timings?.predicted_ms ?? 0,
  };
}

type ChunkProbabilities = NonNullable<CompletionChunk['completion_probabilities']>[number];

/** llama-server reports natural-log probabilities; callers get plain ones. */
function tokenProbabilities(entry: ChunkProbabilities): TokenProbabilities {
  return {
    id: entry.id,
    text: entry.token,
    top: entry.top_logprobs.map((top) => ({ id: top.id, text: top.token, prob: Math.exp(top.logprob) })),
  };
}
