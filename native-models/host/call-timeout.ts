/**
 * How long one model host call may run before the client gives up on the host and replaces it.
 * Generous on purpose: a slow CPU can take minutes over a long prompt with pictures before the
 * first token, and a stuck call is rare; what matters is that it ends at all.
 */
import type { HostMethod } from './protocol';

export type CallTimeout = (method: HostMethod, params: unknown) => number;

const MINUTE = 60_000;
/** Time for the prompt (pictures included) before the first token. */
const COMPLETE_BASE_MS = 10 * MINUTE;
/** Per token asked for: well above the slowest CPU decoding seen (about 1 s a token). */
const PER_TOKEN_MS = 2_000;
const DEFAULT_MAX_TOKENS = 512;

export const defaultCallTimeout: CallTimeout = (method, params) => {
  switch (method) {
    case 'load':
      // Reading many gigabytes from a slow disk.
      return 30 * MINUTE;
    case 'complete': {
      const asked = (params as { maxTokens?: unknown }).maxTokens;
      const tokens = typeof asked === 'number' && asked > 0 ? asked : DEFAULT_MAX_TOKENS;
      return COMPLETE_BASE_MS + tokens * PER_TOKEN_MS;
    }
    default:
      return 5 * MINUTE;
  }
};
