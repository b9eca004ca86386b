/**
 * The one interface every model binding sits behind. The studio never talks to a binding
 * directly: it talks to an Engine, usually the model host client, which forwards to an Engine
 * inside the host process.
 */

/** An image handed to the model: a file on disk or bytes already in memory (pasted, decoded). */
export type ImageInput = { path: string } | { bytes: Uint8Array; mimeType?: string };

/**
 * A prompt is text interleaved with images, already in the model's chat format
 * (see native-models/prompts/chat-format.ts). Special tokens in text parts are parsed as such.
 * Where the model's own tokenizer gives other ids than llama.cpp's for the same text, the text
 * comes as token ids instead (`tokens`): a prompt with any such part is taken exactly as it is,
 * no BOS added (the ids carry every one), its text parts tokenised without one. Only llama-server
 * takes token parts; the other engines refuse them ('backend-unavailable').
 */
export type PromptPart = { type: 'text'; text: string } | { type: 'image'; image: ImageInput } | { type: 'tokens'; tokens: number[] };

/** A conversation before chat formatting (native-models/prompts/chat-format.ts formats it). */
export type ChatContent = string | Array<string | ImageInput>;

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: ChatContent;
}

export interface ChatPrompt {
  turns: ChatTurn[];
  /** Text the assistant's answer starts with; the model continues from it. */
  answerPrefix?: string;
}

export interface SamplingOptions {
  /** 0 picks the most likely token every time. */
  temperature?: number;
  topP?: number;
  topK?: number;
  /** 1 disables the penalty. */
  repeatPenalty?: number;
  /** How many recent tokens the repeat penalty looks at. */
  repeatLastN?: number;
  /** Same prompt, same seed, same options: same answer. */
  seed?: number;
}

export type OutputConstraint = { type: 'json-schema'; schema: Record<string, unknown> } | { type: 'grammar'; grammar: string };

export interface CompletionRequest {
  prompt: PromptPart[];
  /**
   * The same conversation before chat formatting, for engines whose server formats it
   * (openai-compatible). Local engines use `prompt`.
   */
  chat?: ChatPrompt;
  sampling?: SamplingOptions;
  /** Most tokens to generate. */
  maxTokens?: number;
  /** Generation ends before any of these strings; they are not part of the answer. */
  stop?: string[];
  constraint?: OutputConstraint;
  /**
   * For each generated token, the K most likely tokens with their probabilities from the raw
   * logits (before sampling): for checking a conversion against a reference. llama-server only.
   */
  probs?: number;
}

/** One generated token and the most likely tokens at its position (`CompletionRequest.probs`). */
export interface TokenProbabilities {
  id: number;
  text: string;
  /** Most likely first; probabilities from a softmax over the whole vocabulary. */
  top: Array<{ id: number; text: string; prob: number }>;
}

export type StopReason = 'end-of-turn' | 'max-tokens' | 'stop-string';

export interface CompletionTimings {
  /** Prompt positions (text and picture tokens) the engine evaluated for this answer. */
  promptTokens: number;
  /**
   * Prompt positions the engine took from its cache instead (a prefix shared with what it
   * evaluated before): promptTokens + cachedTokens is the whole prompt. Only engines that say
   * (llama-server); absent elsewhere.
   */
  cachedTokens?: number;
  /**
   * Image chunks run through the vision encoder for this answer (a picture the projector slices
   * is several; XComposer2's is one); a picture past the reused prefix whose embeddings the
   * engine kept is decoded without one. Only engines that say (llama-server with the
   * picture-embedding-cache patch); absent elsewhere.
   */
  pictureChunksEncoded?: number;
  promptMs: number;
  decodedTokens: number;
  decodeMs: number;
  /** From the call to the first streamed token. */
  firstTokenMs: number | null;
}

export interface CompletionResult {
  text: string;
  stopReason: StopReason;
  timings: CompletionTimings;
  /** With `probs`: one entry per generated token, in order. */
  tokenProbs?: TokenProbabilities[];
}

export interface CompletionHandlers {
  /** Each newly generated piece of text, in order. */
  onToken?: (text: string) => void;
  /**
   * Aborting stops generation within one token and rejects with AbortedError; the text
   * streamed so far has already reached onToken.
   */
  signal?: AbortSignal;
}

export type Backend = 'cpu' | 'metal' | 'cuda' | 'vulkan';
export type BackendChoice = 'auto' | Backend;
export type EngineKind = 'llama-node' | 'node-llama-cpp' | 'llama-server' | 'openai-compatible';

/** An OpenAI-compatible inference server (LMDeploy, vLLM, llama-server, Ollama). */
export interface RemoteServer {
  /** e.g. http://gpu-box:23333 (with or without /v1). */
  baseUrl: string;
  apiKey?: string;
  /** The model name the server knows. */
  model: string;
}

export interface LoadOptions {
  /** The decoder GGUF file; for a remote server, its model name. */
  decoderPath: string;
  /** Use this server instead of a local file (engine 'openai-compatible'). */
  server?: RemoteServer;
  projectorPath?: string;
  /**
   * A LoRA adapter applied to image tokens only (InternLM-XComposer2's Partial LoRA): on while a
   * picture's embeddings are decoded, off for every text and generated token. Only the
   * llama-server engine can; the others refuse the model ('backend-unavailable').
   */
  imageAdapterPath?: string;
  /**
   * Float32 KV cache and no flash attention (llama-server and llama.node; node-llama-cpp keeps
   * its defaults): slower, but within 1e-3 of a float32 reference forward pass, for checking a
   * conversion (`folio ask --probs K --full-precision`). CPU flash attention rounds through f16.
   * @default false
   */
  fullPrecision?: boolean;
  /** Tokens of context. Default: the smaller of the model's own and 4096. */
  contextSize?: number;
  backend?: BackendChoice;
  /** Layers to offload to the GPU; 'max' offloads all. Ignored on CPU. Default 'max'. */
  gpuLayers?: number | 'max';
  threads?: number;
}

export interface EngineInfo {
  engine: EngineKind;
  /** 'remote' for a server elsewhere. */
  backend: Backend | 'remote';
  /** Devices the binding reports using, e.g. ['CPU'] or ['CUDA0']. */
  devices: string[];
  /** The CPU variant ggml chose when the engine started (llama-server on loadable backends), e.g. 'zen4'. */
  cpuVariant?: string;
  /** What the engine runs on and why, in a sentence (llama-server: read from ggml's backend loading). */
  backendNote?: string;
  gpuLayers: number;
  totalLayers: number;
  contextSize: number;
  threads: number;
  /** Why that many threads: the cores other programs left free as the model loaded (thread-plan.ts). */
  threadsNote?: string;
  decoderPath: string;
  projectorPath: string | null;
  /** The image-token adapter in use (Partial LoRA), when the model has one. */
  imageAdapterPath?: string;
  /** Float32 KV cache and no flash attention, as asked for (LoadOptions.fullPrecision). */
  fullPrecision?: true;
  vision: boolean;
  modelName: string;
  /** Whether embed() works with this engine and model. */
  embeddings: boolean;
}

export interface TokenCount {
  /** Total positions the prompt takes in the context, images included. */
  count: number;
  /** Text token ids, in order (image positions excluded). */
  tokens: number[];
}

export interface Engine {
  readonly kind: EngineKind;
  load(options: LoadOptions, onProgress?: (fraction: number) => void): Promise<EngineInfo>;
  complete(request: CompletionRequest, handlers?: CompletionHandlers): Promise<CompletionResult>;
  /** A sentence embedding (mean-pooled, L2-normalised). */
  embed(text: string): Promise<number[]>;
  tokenize(prompt: PromptPart[]): Promise<TokenCount>;
  detokenize(tokens: number[]): Promise<string>;
  unload(): Promise<void>;
  info(): EngineInfo | null;
}
