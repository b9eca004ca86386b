/**
 * How long one model host call may run before the client gives up on the host and replaces it.
 * Generous on purpose: a slow CPU can take minutes over a long prompt with pictures before the
 * first token, and a stuck call is rare; what matters is that it ends at all.
 */
import type { CompletionRequest } from '../engines/engine';
import type { HostMethod } from './protocol';

export type CallTimeout = (method: HostMethod, params: unknown) => number;

const MINUTE = 60_000;
const COMPLETE_BASE_MS = 10 * MINUTE;
/** Per token asked for: well above the slowest CPU decoding seen (about 1 s a token). */
const PER_TOKEN_MS = 2_000;
const DEFAULT_MAX_TOKENS = 512;
/** Reading the prompt: a picture is hundreds of tokens; text about 4 characters a token, at 5 tokens/s or better. */
const PER_PICTURE_MS = 3 * MINUTE;
const PER_PROMPT_CHARACTER_MS = 50;

export const defaultCallTimeout: CallTimeout = (method, params) => {
  switch (method) {
    case 'load':
      // Reading many gigabytes from a slow disk.
      return 30 * MINUTE;
    case 'complete': {
      const { maxTokens, prompt } = params as Partial<CompletionRequest>;
      const tokens = typeof maxTokens === 'number' && maxTokens > 0 ? maxTokens : DEFAULT_MAX_TOKENS;
      let promptMs = 0;
      for (const part of prompt ?? [])
        promptMs +=
          part.type === 'image'
            ? PER_PICTURE_MS
            : // A token is about 4 characters.
              (part.type === 'text' ? part.text.length : part.tokens.length * 4) * PER_PROMPT_CHARACTER_MS;
      return COMPLETE_BASE_MS + promptMs + tokens * PER_TOKEN_MS;
    }
    default:
      return 5 * MINUTE;
  }
};
