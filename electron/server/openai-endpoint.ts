/**
 * The studio as an OpenAI-compatible server: GET /v1/models and POST /v1/chat/completions
 * (streamed or not, image_url parts, response_format with a JSON schema), backed by the
 * studio's loaded model. A GPU box runs `npm run serve`; desktops use it as their engine.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ModelError } from '../../native-models/errors';
import type { ModelSession } from '../studio/model/model-session';
import { readChatRequest } from './openai-to-chat';
import { readJsonBody, sendJson } from './http-json';
import type { ReportServerError } from './server-log';

export function listModels(session: ModelSession | null, response: ServerResponse): void {
  const data = session ? [{ id: modelId(session), object: 'model', created: 0, owned_by: 'folio' }] : [];
  sendJson(response, 200, { object: 'list', data });
}

export async function chatCompletions(
  session: ModelSession | null,
  request: IncomingMessage,
  response: ServerResponse,
  report: ReportServerError,
): Promise<void> {
  if (!session)
    return sendError(response, 503, 'No model is loaded on this server. Start it with --model and --mmproj.', 'model_not_loaded');
  let parsed;
  try {
    parsed = await readChatRequest(await readJsonBody(request));
  } catch (error) {
    return sendError(response, 400, error instanceof Error ? error.message : String(error), 'invalid_request_error');
  }
  if (parsed.model && parsed.model !== modelId(session))
    return sendError(
      response,
      404,
      `The model "${parsed.model}" is not loaded here; this server has "${modelId(session)}".`,
      'model_not_found',
    );

  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const model = modelId(session);
  const controller = new AbortController();
  // A client that goes away stops the model within a token.
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  // The stream starts with the first token: an error before it (a prompt too long for the
  // context, a bad image) is still a plain HTTP error the client can act on.
  let streaming = false;
  const startStream = (): void => {
    if (streaming) return;
    streaming = true;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(`data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }, null))}\n\n`);
  };
  try {
    const result = await session.ask(session.family.chat(parsed.chat), {
      maxTokens: parsed.maxTokens,
      sampling: parsed.sampling,
      stop: parsed.stop,
      constraint: parsed.constraint,
      signal: controller.signal,
      onToken: parsed.stream
        ? (text) => {
            startStream();
            response.write(`data: ${JSON.stringify(chunk({ content: text }, null))}\n\n`);
          }
        : undefined,
    });
    const finish = result.stopReason === 'max-tokens' ? 'length' : 'stop';
    const usage = {
      prompt_tokens: result.timings.promptTokens,
      completion_tokens: result.timings.decodedTokens,
      total_tokens: result.timings.promptTokens + result.timings.decodedTokens,
    };
    if (parsed.stream) {
      startStream();
      response.write(`data: ${JSON.stringify({ ...chunk({}, finish), usage })}\n\n`);
      response.end('data: [DONE]\n\n');
    } else {
      sendJson(response, 200, {
        id,
        object: 'chat.completion',
        created,
        model,
        choices: [{ index: 0, message: { role: 'assistant', content: result.text }, finish_reason: finish }],
        usage,
      });
    }
  } catch (error) {
    if (controller.signal.aborted) return void response.end();
    const status =
      error instanceof ModelError &&
      (error.code === 'prompt-too-long' || error.code === 'invalid-request' || error.code === 'image-unreadable')
        ? 400
        : 500;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 500) report('POST /v1/chat/completions', error);
    if (streaming)
      response.end(`data: ${JSON.stringify({ error: { message, type: status === 400 ? 'invalid_request_error' : 'server_error' } })}\n\n`);
    else sendError(response, status, message, status === 400 ? 'invalid_request_error' : 'server_error');
  }
}

/** POST /v1/embeddings: the library's caption search on a remote box needs them. */
export async function embeddings(
  session: ModelSession | null,
  request: IncomingMessage,
  response: ServerResponse,
  report: ReportServerError,
): Promise<void> {
  if (!session)
    return sendError(response, 503, 'No model is loaded on this server. Start it with --model and --mmproj.', 'model_not_loaded');
  try {
    const body = (await readJsonBody(request)) as { input?: unknown; encoding_format?: unknown };
    const inputs = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 256 || !inputs.every((item) => typeof item === 'string')) {
      return sendError(response, 400, 'input must be a string or an array of at most 256 strings', 'invalid_request_error');
    }
    const data = [];
    // The official client asks for base64 (little-endian float32) unless told otherwise.
    const base64 = body.encoding_format === 'base64';
    for (const [index, text] of inputs.entries()) {
      const vector = await session.engine.embed(text as string);
      data.push({
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
      });
    }
    sendJson(response, 200, { object: 'list', data, model: modelId(session), usage: { prompt_tokens: 0, total_tokens: 0 } });
  } catch (error) {
    const refused = error instanceof ModelError && error.code === 'invalid-request';
    if (!refused) report('POST /v1/embeddings', error);
    sendError(
      response,
      refused ? 400 : 500,
      error instanceof Error ? error.message : String(error),
      refused ? 'invalid_request_error' : 'server_error',
    );
  }
}

function modelId(session: ModelSession): string {
  return session.info.modelName;
}

function sendError(response: ServerResponse, status: number, message: string, type: string): void {
  sendJson(response, status, { error: { message, type, code: type } });
}
