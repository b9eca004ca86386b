/**
 * The part of @fugood/llama.node's API this project uses. The package ships TypeScript sources
 * rather than declarations, and those do not compile under our strict settings; tsconfig maps
 * the module name here instead. Checked against @fugood/llama.node 1.7.15 (lib/binding.ts).
 */
declare module '@fugood/llama.node' {
  export type LibVariant = 'default' | 'vulkan' | 'cuda' | 'snapdragon';

  export interface LlamaModelOptions {
    model: string;
    /** A built-in template's name (or a template) used instead of the model's own. */
    chat_template?: string;
    embedding?: boolean;
    embd_normalize?: number;
    pooling_type?: 'none' | 'mean' | 'cls' | 'last' | 'rank';
    n_ctx?: number;
    n_batch?: number;
    n_ubatch?: number;
    n_parallel?: number;
    n_threads?: number;
    n_gpu_layers?: number;
    use_mmap?: boolean;
    lib_variant?: LibVariant;
    devices?: string[];
    flash_attn_type?: 'auto' | 'on' | 'off';
    cache_type_k?: 'f32' | 'f16';
    cache_type_v?: 'f32' | 'f16';
  }

  export interface LlamaCompletionOptions {
    prompt?: string;
    media_paths?: string | string[];
    temperature?: number;
    top_k?: number;
    top_p?: number;
    min_p?: number;
    dry_multiplier?: number;
    penalty_last_n?: number;
    penalty_repeat?: number;
    n_predict?: number;
    seed?: number;
    ignore_eos?: boolean;
    stop?: string[];
    grammar?: string;
    response_format?: { type: 'json_schema'; json_schema: { strict?: boolean; schema: Record<string, unknown> } };
  }

  export interface LlamaCompletionResult {
    text: string;
    tokens_predicted: number;
    tokens_evaluated: number;
    truncated: boolean;
    context_full: boolean;
    interrupted: boolean;
    stopped_eos?: boolean;
    stopped_word?: boolean;
    /** What llama.node 1.7 actually sets (stopped_word in older releases). */
    stopped_words?: boolean;
    stopped_limit?: boolean;
    stopped_limited?: boolean;
    timings: {
      prompt_n: number;
      prompt_ms: number;
      prompt_per_second: number;
      predicted_n: number;
      predicted_ms: number;
      predicted_per_second: number;
    };
  }

  export interface LlamaCompletionToken {
    token: string;
  }

  export interface TokenizeResult {
    tokens: Int32Array;
    has_media: boolean;
    chunk_pos: number[];
    chunk_pos_media: number[];
  }

  export interface BackendDeviceInfo {
    backend: string;
    type: string;
    deviceName: string;
    maxMemorySize: number;
  }

  export interface LlamaContextWrapper {
    getSystemInfo(): string;
    getUsedDevices(): string[];
    completion(options: LlamaCompletionOptions, callback?: (token: LlamaCompletionToken) => void): Promise<LlamaCompletionResult>;
    stopCompletion(): void;
    tokenize(text: string, options?: { media_paths?: string[] }): Promise<TokenizeResult>;
    detokenize(tokens: number[]): Promise<string>;
    embedding(text: string, params?: { embd_normalize?: number }): Promise<{ embedding: Float32Array }>;
    initMultimodal(options: { path: string; use_gpu?: boolean }): boolean;
    isMultimodalEnabled(): boolean;
    release(): Promise<void>;
    clearCache(clearData?: boolean): void;
  }

  export function loadModel(options: LlamaModelOptions, onProgress?: (progress: number) => void): Promise<LlamaContextWrapper>;
  export function isLibVariantAvailable(variant?: LibVariant): Promise<boolean>;
  export function getBackendDevicesInfo(variant?: LibVariant): Promise<BackendDeviceInfo[]>;
  export function toggleNativeLog(enable: boolean): Promise<void>;
  export const BuildInfo: { number: string; commit: string };
}
