/** One change to llama.cpp's source, applied after checkout (see llama-server-patches.ts). */
export interface LlamaServerPatch {
  name: string;
  /** A unified diff against the llama.cpp source, for `git apply`. */
  diff: string;
}
