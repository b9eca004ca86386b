/**
 * Our changes to llama.cpp's source, applied after checkout. The build stamp records their hash:
 * a build made without the current patches does not count as built, so
 * `npm run build:llama-server` rebuilds (only the patched files recompile when the build folder
 * is kept). The text lives here, not in .patch files, so every bundle that looks for a build
 * (the app, the model host) can hash it without finding files beside itself.
 */
import { createHash } from 'node:crypto';
import { PARTIAL_LORA_PATCH } from './partial-lora-patch';
import { LLAVA_CLASS_TOKEN_PATCH } from './llava-class-token-patch';
import { CHAT_PARSE_INVALID_UTF8_PATCH } from './chat-parse-invalid-utf8-patch';
import { TOKEN_PROMPT_PATCH } from './token-prompt-patch';
import { INTERNVL_CLASS_TOKEN_PATCH } from './internvl-class-token-patch';
import { PICTURE_CACHE_PATCH } from './picture-cache-patch';
import type { LlamaServerPatch } from './llama-server-patch';

export const LLAMA_SERVER_PATCHES: readonly LlamaServerPatch[] = [
  CHAT_PARSE_INVALID_UTF8_PATCH,
  PARTIAL_LORA_PATCH,
  LLAVA_CLASS_TOKEN_PATCH,
  TOKEN_PROMPT_PATCH,
  INTERNVL_CLASS_TOKEN_PATCH,
  PICTURE_CACHE_PATCH,
];

/** A short hash of every patch, in order: what the build stamp records. */
export function llamaServerPatchesId(patches: readonly LlamaServerPatch[] = LLAMA_SERVER_PATCHES): string {
  const hash = createHash('sha256');
  for (const patch of patches) hash.update(patch.name).update('\0').update(patch.diff).update('\0');
  return hash.digest('hex').slice(0, 12);
}
