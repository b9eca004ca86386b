/**
 * Turns an OpenAI chat-completions request into the studio's terms, checking every field: the
 * endpoint faces the network, so nothing reaches the model unchecked. Images must be data URLs
 * (the studio is offline) and go through the same checks as any picture (prepareImage).
 */
import type { ChatPrompt, ChatTurn } from '../../native-models/prompts/chat-format';
import type { ImageInput, OutputConstraint, SamplingOptions } from '../../native-models/engines/engine';
import { ModelError } from '../../native-models/errors';
import { prepareImage } from '../studio/library/prepare-image';
import { checkConstraint } from '../../native-models/engines/constraints/check-constraint';

export interface ChatRequest {
  chat: ChatPrompt;
  stream: boolean;
  maxTokens: number;
  sampling: SamplingOptions;
  stop: string[];
  constraint?: OutputConstraint;
  model: string;
}

const MAX_TOKENS = 8192;
/** OpenAI's own limit; every turn costs the template's role tokens, so more never fits a context. */
const MAX_MESSAGES = 2048;

export async function readChatRequest(body: unknown): Promise<ChatRequest> {
  if (!body || typeof body !== 'object') throw invalid('the body must be a JSON object');
  const request = body as Record<string, unknown>;
  if (!Array.isArray(request.messages) || request.messages.length === 0) throw invalid('messages must be a non-empty array');
  // Refused before a turn is read or a prompt built: 100,000 tiny messages cost the server seconds.
  if (request.messages.length > MAX_MESSAGES)
    throw invalid(`a chat may have at most ${MAX_MESSAGES} messages; this request has ${request.messages.length}`);
  const turns: ChatTurn[] = [];
  for (const [index, message] of request.messages.entries()) turns.push(await readTurn(message, index));
  const last = turns.at(-1);
  // A final assistant message is the start of the answer: the model continues it.
  const answerPrefix = last?.role === 'assistant' && typeof last.content === 'string' ? last.content : undefined;
  if (answerPrefix !== undefined) turns.pop();
  const maxTokens = optionalNumber(request.max_completion_tokens ?? request.max_tokens, 'max_tokens', 1, MAX_TOKENS) ?? 512;
  const sampling: SamplingOptions = {
    temperature: optionalNumber(request.temperature, 'temperature', 0, 5),
    topP: optionalNumber(request.top_p, 'top_p', 0, 1),
    topK: optionalNumber(request.top_k, 'top_k', 0, 100_000),
    repeatPenalty: optionalNumber(request.repetition_penalty, 'repetition_penalty', 0, 10),
    seed: optionalNumber(request.seed, 'seed', 0, 2 ** 31 - 1),
  };
  return {
    chat: { turns, ...(answerPrefix === undefined ? {} : { answerPrefix }) },
    stream: request.stream === true,
    maxTokens,
    sampling: Object.fromEntries(Object.entries(sampling).filter(([, value]) => value !== undefined)),
    stop: readStop(request.stop),
    // Checked here too (the host checks again) so a bad format is a 400 before it waits in the queue.
    constraint: checkConstraint(readGrammar(request.grammar) ?? readConstraint(request.response_format)),
    model: typeof request.model === 'string' ? request.model : '',
  };
}

async function readTurn(message: unknown, index: number): Promise<ChatTurn> {
  if (!message || typeof message !== 'object') throw invalid(`messages[${index}] must be an object`);
  const { role, content } = message as { role?: unknown; content?: unknown };
  if (role !== 'system' && role !== 'user' && role !== 'assistant')
    throw invalid(`messages[${index}].role must be system, user or assistant`);
  if (typeof content === 'string') return { role, content };
  if (!Array.isArray(content)) throw invalid(`messages[${index}].content must be a string or an array of parts`);
  const parts: Array<string | ImageInput> = [];
  for (const part of content as Array<Record<string, unknown>>) {
    if (part?.type === 'text' && typeof part.text === 'string') parts.push(part.text);
    else if (part?.type === 'image_url') parts.push(await readImage((part.image_url as { url?: unknown } | undefined)?.url, index));
    else throw invalid(`messages[${index}] has a part that is neither text nor image_url`);
  }
  return { role, content: parts };
}

async function readImage(url: unknown, index: number): Promise<ImageInput> {
  const match = typeof url === 'string' ? /^data:image\/[a-z+.-]+;base64,(.+)$/i.exec(url) : null;
  if (!match)
    throw invalid(`messages[${index}]: images must be data URLs (data:image/...;base64,...); this server does not fetch from the network`);
  try {
    const prepared = await prepareImage({ bytes: Buffer.from(match[1] as string, 'base64') });
    return { bytes: prepared.bytes, mimeType: prepared.mimeType };
  } catch (error) {
    throw new ModelError(
      'image-unreadable',
      `messages[${index}]: ${error instanceof Error ? error.message : 'the image could not be read'}`,
    );
  }
}

function readConstraint(format: unknown): OutputConstraint | undefined {
  if (!format || typeof format !== 'object') return undefined;
  const { type, json_schema: jsonSchema } = format as { type?: unknown; json_schema?: { schema?: unknown } };
  if (type === 'text') return undefined;
  if (type === 'json_object') return { type: 'json-schema', schema: { type: 'object' } };
  if (type === 'json_schema' && jsonSchema?.schema && typeof jsonSchema.schema === 'object')
    return { type: 'json-schema', schema: jsonSchema.schema as Record<string, unknown> };
  throw invalid('response_format must be text, json_object or json_schema with a schema');
}

/** `grammar` (GBNF) is llama.cpp's extension, which Folio's own client sends for its step answers. */
function readGrammar(grammar: unknown): OutputConstraint | undefined {
  if (grammar === undefined || grammar === null) return undefined;
  if (typeof grammar !== 'string' || grammar.length === 0 || grammar.length > 64 * 1024)
    throw invalid('grammar must be a GBNF grammar of at most 64 KB');
  return { type: 'grammar', grammar };
}

function readStop(stop: unknown): string[] {
  if (stop === undefined || stop === null) return [];
  if (typeof stop === 'string') return [stop];
  if (Array.isArray(stop) && stop.every((item) => typeof item === 'string') && stop.length <= 16) return stop as string[];
  throw invalid('stop must be a string or an array of at most 16 strings');
}

function optionalNumber(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
    throw invalid(`${name} must be a number from ${min} to ${max}`);
  return value;
}

function invalid(message: string): ModelError {
  return new ModelError('invalid-request', message);
}
