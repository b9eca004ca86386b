/**
 * The llama-server endpoints the engine uses: the native ones, because they take a raw prompt
 * (our chat format, a pre-started answer) with images, a grammar or a JSON schema, and stream.
 */
import { ModelError } from '../../errors';

export interface ServerConnection {
  baseUrl: string;
  apiKey: string;
}

/**
 * llama-server runs its chat-output parser over /completion's text too (every result updates a
 * chat message), and that parser fails the whole answer ("does not match the expected
 * Content-only format") on text that is not valid UTF-8, which a model may write at any time.
 * /completion's own answer is the raw text, never the parsed message, so we hand it a parser
 * (its serialized PEG form) that accepts any text: one `epsilon`, which matches without reading.
 */
export const ACCEPT_ANY_TEXT = JSON.stringify({ parsers: [{ type: 'epsilon' }], rules: {}, root: 0 });

export interface CompletionChunk {
  /** The server writes bytes that are not valid UTF-8 as U+FFFD in its JSON. */
  content: string;
  /** The token ids behind this chunk: one per chunk while streaming. */
  tokens?: number[];
  stop: boolean;
  stop_type?: 'eos' | 'limit' | 'word' | 'none';
  tokens_predicted?: number;
  tokens_evaluated?: number;
  /** cache_n: prompt positions reused from the slot's cache; prompt_n: those evaluated now. */
  timings?: {
    cache_n?: number;
    /** Our picture-embedding-cache patch: image chunks encoded for this answer (not pictures: a sliced picture is several). */
    folio_pictures_encoded?: number;
    prompt_n: number;
    prompt_ms: number;
    predicted_n: number;
    predicted_ms: number;
  };
  /** With n_probs: the token(s) of this chunk, each with the most likely alternatives (natural-log probabilities). */
  completion_probabilities?: Array<{
    id: number;
    token: string;
    logprob: number;
    top_logprobs: Array<{ id: number; token: string; logprob: number }>;
  }>;
}

export async function postJson<T>(server: ServerConnection, route: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${server.baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) throw await serverError(response);
  return (await response.json()) as T;
}

/** Streams /completion's server-sent events, one parsed chunk at a time. */
export async function* streamCompletion(
  server: ServerConnection,
  body: Record<string, unknown>,
  signal: AbortSignal,
): AsyncGenerator<CompletionChunk> {
  const response = await fetch(`${server.baseUrl}/completion`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
    body: JSON.stringify({ ...body, stream: true }),
    signal,
  });
  if (!response.ok || !response.body) throw await serverError(response);
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const bytes of response.body) {
    buffer += decoder.decode(bytes as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      for (const line of event.split('\n')) {
        if (!line.startsWith('data: ')) continue;
        const chunk = JSON.parse(line.slice(6)) as CompletionChunk & { error?: ServerErrorBody };
        if (chunk.error) throw errorFromBody(chunk.error, line, 500);
        yield chunk;
      }
    }
  }
}

interface ServerErrorBody {
  message?: string;
  type?: string;
  n_prompt_tokens?: number;
  n_ctx?: number;
}

async function serverError(response: Response): Promise<ModelError> {
  const text = await response.text().catch(() => '');
  let error: ServerErrorBody = {};
  try {
    error = (JSON.parse(text) as { error?: ServerErrorBody }).error ?? {};
  } catch {
    // not JSON
  }
  return errorFromBody(error, text, response.status);
}

function errorFromBody(error: ServerErrorBody, text: string, status: number): ModelError {
  if (error.type === 'exceed_context_size_error') {
    return new ModelError(
      'prompt-too-long',
      `This request is too long for the model: it needs ${error.n_prompt_tokens ?? 'more'} tokens and the model's context holds ${error.n_ctx ?? 'fewer'}. Shorten the text or use fewer images.`,
      text,
    );
  }
  if (status === 400) return new ModelError('invalid-request', `The model engine refused the request: ${error.message ?? text}`, text);
  return new ModelError('engine-failed', `The model engine failed (HTTP ${status}): ${error.message ?? text}`, text);
}
