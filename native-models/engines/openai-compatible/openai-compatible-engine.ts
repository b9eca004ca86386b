/**
 * Engine adapter for an OpenAI-compatible server (LMDeploy, vLLM, llama-server, Ollama): chat
 * completions with image_url parts, streamed over server-sent events. The server formats the
 * conversation (CompletionRequest.chat). A JSON schema goes as response_format; the answer is
 * checked anyway and asked again a bounded number of times, because not every server honours it.
 */
import { ModelError } from '../../errors';
import type {
  ChatPrompt,
  CompletionHandlers,
  CompletionRequest,
  CompletionResult,
  Engine,
  EngineInfo,
  ImageInput,
  LoadOptions,
  OutputConstraint,
  PromptPart,
  RemoteServer,
  TokenCount,
} from '../engine';
import { refuseTokenParts } from '../refuse-token-parts';
import { imageInputBytes } from '../image-input-bytes';
import { l2Normalize } from '../l2-normalize';
import { runCompletion, type CompletionRun } from '../run-completion';
import { requestServer } from './openai-http';
import { StreamStalled, serverSentData } from './server-sent-events';
import { refuseImageAdapter } from '../refuse-image-adapter';
import { DEFAULT_CONTEXT_SIZE, loadedEngineInfo } from '../load-plan';

const SCHEMA_ATTEMPTS = 3;
const STALL_MS = 120_000;

interface ChunkBody {
  choices?: Array<{ delta?: { content?: string | null }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { message?: string };
}

export interface OpenAICompatibleOptions {
  /** Longest silence inside a streamed answer before it counts as stalled. @default 120000 */
  stallMs?: number;
  /** Waits between retries (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

export class OpenAICompatibleEngine implements Engine {
  readonly kind = 'openai-compatible' as const;
  private server: RemoteServer | null = null;
  private current: EngineInfo | null = null;

  constructor(private readonly options: OpenAICompatibleOptions = {}) {}

  async load(options: LoadOptions, onProgress?: (fraction: number) => void): Promise<EngineInfo> {
    refuseImageAdapter(options, this.kind);
    const server = options.server;
    if (!server?.baseUrl || !server.model)
      throw new ModelError('invalid-request', 'Give the server address and the model name to use a server.');
    onProgress?.(0);
    const response = await requestServer(
      server,
      '/models',
      { method: 'GET' },
      { retries: 1, timeoutMs: 15_000, sleep: this.options.sleep },
    );
    const listed = ((await response.json().catch(() => ({}))) as { data?: Array<{ id?: string }> }).data ?? [];
    if (listed.length > 0 && !listed.some((model) => model.id === server.model)) {
      throw new ModelError(
        'engine-failed',
        `The server at ${server.baseUrl} does not know the model "${server.model}". It offers: ${listed.map((model) => model.id).join(', ')}.`,
      );
    }
    this.server = server;
    // The server holds the model and its layers: nothing here to offload or thread.
    this.current = loadedEngineInfo(
      this.kind,
      { decoderPath: server.model },
      {
        backend: 'remote',
        devices: [server.baseUrl],
        gpuLayers: 0,
        totalLayers: 0,
        contextSize: options.contextSize ?? DEFAULT_CONTEXT_SIZE,
        threads: 0,
        vision: true,
        modelName: server.model,
      },
    );
    onProgress?.(1);
    return this.current;
  }

  async complete(request: CompletionRequest, handlers: CompletionHandlers = {}): Promise<CompletionResult> {
    const server = this.requireServer();
    const messages = await toMessages(request.chat ?? chatFromParts(request.prompt));
    // No budget here: the server counts the prompt and keeps its own limit.
    return runCompletion(request, handlers, {
      counts: 'pieces',
      schemaAttempts: SCHEMA_ATTEMPTS,
      generate: (run) => this.generate(server, messages, request.constraint, run),
      failure: (error) => asModelError(error, server),
    });
  }

  private async generate(
    server: RemoteServer,
    messages: unknown[],
    constraint: OutputConstraint | undefined,
    run: CompletionRun,
  ): Promise<void> {
    const { sampling } = run;
    const body = {
      model: server.model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: run.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      // Not in OpenAI's API; llama-server, vLLM and LMDeploy take them.
      top_k: sampling.topK,
      repetition_penalty: sampling.repeatPenalty,
      ...(sampling.seed === undefined ? {} : { seed: sampling.seed + run.attempt - 1 }),
      // Stop strings are ours (the stream collector), as with every engine: servers differ in
      // whether they report having stopped on one.
      ...(constraint?.type === 'json-schema'
        ? { response_format: { type: 'json_schema', json_schema: { name: 'answer', strict: true, schema: constraint.schema } } }
        : {}),
      ...(constraint?.type === 'grammar' ? { grammar: constraint.grammar } : {}),
    };
    let finish: string | null = null;
    let usage: ChunkBody['usage'];
    const response = await requestServer(
      server,
      '/chat/completions',
      { method: 'POST', body },
      { signal: run.signal, sleep: this.options.sleep },
    );
    if (!response.body) throw new ModelError('engine-failed', 'The server sent an empty answer.');
    for await (const data of serverSentData(response.body, this.options.stallMs ?? STALL_MS, run.signal)) {
      if (data === '[DONE]') break;
      const chunk = parseChunk(data);
      if (chunk.error) throw streamedError(chunk.error.message ?? 'unknown error', data);
      usage = chunk.usage ?? usage;
      const choice = chunk.choices?.[0];
      if (choice?.delta?.content) {
        run.generated++;
        if (run.push(choice.delta.content)) break;
      }
      finish = choice?.finish_reason ?? finish;
    }
    if (!run.stoppedOnString && finish === null) {
      throw new ModelError(
        'engine-failed',
        `The server at ${server.baseUrl} ended the answer before it was finished.`,
        `stream closed after ${run.generated} pieces without a finish reason`,
      );
    }
    const elapsed = performance.now() - run.startedAt;
    const firstToken = run.firstTokenMs();
    run.limited = finish === 'length';
    run.timings = {
      promptTokens: usage?.prompt_tokens ?? 0,
      promptMs: firstToken ?? elapsed,
      decodedTokens: usage?.completion_tokens ?? run.generated,
      decodeMs: elapsed - (firstToken ?? elapsed),
    };
  }

  async embed(text: string): Promise<number[]> {
    const server = this.requireServer();
    const response = await requestServer(
      server,
      '/embeddings',
      { method: 'POST', body: { model: server.model, input: text } },
      { sleep: this.options.sleep },
    );
    const body = (await response.json()) as { data?: Array<{ embedding?: number[] }> };
    const vector = body.data?.[0]?.embedding;
    if (!vector) throw new ModelError('engine-failed', `The server at ${server.baseUrl} gave no embedding.`);
    return l2Normalize(vector);
  }

  /** OpenAI's API has no tokenizer: an estimate (about four characters a token, images at 256). */
  async tokenize(prompt: PromptPart[]): Promise<TokenCount> {
    this.requireServer();
    const characters = prompt.reduce((sum, part) => sum + (part.type === 'text' ? part.text.length : 0), 0);
    const images = prompt.filter((part) => part.type === 'image').length;
    return { count: Math.ceil(characters / 4) + images * 256, tokens: [] };
  }

  async detokenize(): Promise<string> {
    throw new ModelError('invalid-request', 'A remote server does not expose its tokenizer.');
  }

  async unload(): Promise<void> {
    this.server = null;
    this.current = null;
  }

  info(): EngineInfo | null {
    return this.current;
  }

  private requireServer(): RemoteServer {
    if (!this.server) throw new ModelError('model-not-loaded', 'No server is connected yet. Choose a server in the model settings.');
    return this.server;
  }
}

function streamedError(message: string, data: string): ModelError {
  if (/too long|context (size|length|window)|exceeds? the (available )?context/i.test(message))
    return new ModelError('prompt-too-long', message, data);
  return new ModelError('engine-failed', `The server failed while answering: ${message}`, data);
}

function parseChunk(data: string): ChunkBody {
  try {
    return JSON.parse(data) as ChunkBody;
  } catch {
    throw new ModelError('engine-failed', 'The server sent a malformed answer stream.', data.slice(0, 200));
  }
}

function asModelError(error: unknown, server: RemoteServer): ModelError {
  if (error instanceof ModelError) return error;
  if (error instanceof StreamStalled)
    return new ModelError('engine-failed', `The server at ${server.baseUrl} stopped sending the answer.`, error.message);
  return new ModelError('engine-failed', `The connection to the server at ${server.baseUrl} broke while answering.`, String(error));
}

/** A bare prompt (no chat given) as one user turn. */
function chatFromParts(parts: PromptPart[]): ChatPrompt {
  // A server takes text and pictures; token ids would be read by another tokenizer.
  refuseTokenParts(parts, 'openai-compatible');
  const content: Array<string | ImageInput> = [];
  for (const part of parts) if (part.type !== 'tokens') content.push(part.type === 'text' ? part.text : part.image);
  return { turns: [{ role: 'user', content }] };
}

async function toMessages(chat: ChatPrompt): Promise<unknown[]> {
  const messages: unknown[] = [];
  for (const turn of chat.turns) {
    if (typeof turn.content === 'string') {
      messages.push({ role: turn.role, content: turn.content });
      continue;
    }
    const content: unknown[] = [];
    for (const piece of turn.content) {
      content.push(
        typeof piece === 'string' ? { type: 'text', text: piece } : { type: 'image_url', image_url: { url: await dataUrl(piece) } },
      );
    }
    messages.push({ role: turn.role, content });
  }
  // A pre-started answer: servers that support it (llama-server, vLLM) continue this message.
  if (chat.answerPrefix) messages.push({ role: 'assistant', content: chat.answerPrefix });
  return messages;
}

async function dataUrl(image: ImageInput): Promise<string> {
  const { bytes, mimeType } = await imageInputBytes(image);
  return `data:${mimeType};base64,${Buffer.from(bytes).toString('base64')}`;
}
