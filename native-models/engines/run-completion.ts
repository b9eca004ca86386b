/**
 * The completion path every engine walks, written once: plan the budget and the sampling, stream
 * through the stop strings and the writer's cancel, decide why the answer ended, check a JSON
 * answer against its schema, report the timings. An adapter brings only its generate step (how
 * its binding is asked and what it says back) and how its failures read.
 */
import { AbortedError, ModelError } from '../errors';
import type { CompletionHandlers, CompletionRequest, CompletionResult, CompletionTimings, StopReason, TokenProbabilities } from './engine';
import { generationBudget } from './generation-budget';
import { checkAgainstSchema, prepareSchema } from './json-schema-constraint';
import { DEFAULT_MAX_TOKENS, resolveSampling, type ResolvedSampling } from './resolve-sampling';
import { collectStream } from './stream-collector';

/** One try at an answer, as the generate step sees it; it fills in what its engine reports. */
export interface CompletionRun {
  /** 1 for the first try (CompletionPlan.schemaAttempts). */
  readonly attempt: number;
  /** The most tokens this answer may take: the request's, cut to the room the context leaves. */
  readonly maxTokens: number;
  readonly sampling: ResolvedSampling;
  /** The request's JSON schema made fit for llama.cpp's grammar converters (prepareSchema), or null. */
  readonly schema: Record<string, unknown> | null;
  /** Aborted when the writer cancels or a stop string ends the answer: the binding must stop generating. */
  readonly signal: AbortSignal;
  /** performance.now() as the try began. */
  readonly startedAt: number;
  /** Hands the engine's next text on; true when a stop string ended the answer (`signal` is aborted then). */
  push(piece: string): boolean;
  /** Everything pushed so far, stop strings included. */
  received(): string;
  firstTokenMs(): number | null;
  readonly stoppedOnString: boolean;
  /** Tokens (or a server's pieces) generated so far, for the cancel message. */
  generated: number;
  /** Whether the token limit (or the context) ended the answer, rather than the end of the turn. */
  limited: boolean;
  timings: Omit<CompletionTimings, 'firstTokenMs'>;
  /** With CompletionRequest.probs, on an engine that gives them. */
  tokenProbs?: TokenProbabilities[];
}

export interface CompletionPlan {
  /** Prompt positions the engine counted, for the budget; left out where it cannot count (a remote server, which keeps its own limit). */
  promptTokens?: number;
  contextSize?: number;
  /** What `generated` counts in the cancel message. @default 'tokens' */
  counts?: 'tokens' | 'pieces';
  /** Tries while a JSON answer fails its schema: more than one for a server that may not honour it. @default 1 */
  schemaAttempts?: number;
  /** Streams one answer into run.push and fills in what the engine reports. */
  generate(run: CompletionRun): Promise<void>;
  /** A binding's own error (not a ModelError) in the writer's words. @default 'engine-failed' with its message */
  failure?(error: unknown): ModelError | Promise<ModelError>;
}

export async function runCompletion(
  request: CompletionRequest,
  handlers: CompletionHandlers,
  plan: CompletionPlan,
): Promise<CompletionResult> {
  const requested = request.maxTokens ?? DEFAULT_MAX_TOKENS;
  const maxTokens =
    plan.promptTokens === undefined || plan.contextSize === undefined
      ? requested
      : generationBudget(plan.promptTokens, plan.contextSize, requested, Boolean(request.constraint));
  const schema = request.constraint?.type === 'json-schema' ? request.constraint.schema : null;
  const prepared = schema ? prepareSchema(schema) : null;
  for (let attempt = 1; ; attempt++) {
    const result = await tryOnce(request, handlers, plan, { attempt, maxTokens, schema: prepared });
    if (!schema || result.stopReason === 'max-tokens') return result;
    try {
      checkAgainstSchema(result.text, schema);
      return result;
    } catch (error) {
      if (attempt >= (plan.schemaAttempts ?? 1)) throw error;
    }
  }
}

async function tryOnce(
  request: CompletionRequest,
  handlers: CompletionHandlers,
  plan: CompletionPlan,
  given: Pick<CompletionRun, 'attempt' | 'maxTokens' | 'schema'>,
): Promise<CompletionResult> {
  const startedAt = performance.now();
  const stopper = new AbortController();
  // Text produced after a cancel is dropped, not shown.
  const stream = collectStream(request.stop ?? [], (piece) => handlers.signal?.aborted || handlers.onToken?.(piece), startedAt);
  const run: CompletionRun = {
    ...given,
    sampling: resolveSampling(request.sampling),
    signal: stopper.signal,
    startedAt,
    push(piece) {
      if (!stream.push(piece)) return false;
      stopper.abort();
      return true;
    },
    received: () => stream.received(),
    firstTokenMs: () => stream.firstTokenMs(),
    get stoppedOnString() {
      return stream.stoppedOnString;
    },
    generated: 0,
    limited: false,
    timings: { promptTokens: 0, promptMs: 0, decodedTokens: 0, decodeMs: 0 },
  };
  const cancelled = (): AbortedError =>
    new AbortedError(
      undefined,
      plan.counts === 'pieces'
        ? `stopped after ${run.generated} pieces`
        : `stopped after ${run.generated} of at most ${run.maxTokens} tokens`,
    );
  const relay = (): void => stopper.abort();
  handlers.signal?.addEventListener('abort', relay, { once: true });
  try {
    if (handlers.signal?.aborted) throw new AbortedError();
    await plan.generate(run);
  } catch (error) {
    if (handlers.signal?.aborted) throw cancelled();
    // Stopping the engine at a stop string can end its stream with an error: that is success.
    if (!stream.stoppedOnString) throw error instanceof ModelError ? error : await (plan.failure ?? engineFailed)(error);
  } finally {
    handlers.signal?.removeEventListener('abort', relay);
  }
  if (handlers.signal?.aborted) throw cancelled();
  const stopReason: StopReason = stream.stoppedOnString ? 'stop-string' : run.limited ? 'max-tokens' : 'end-of-turn';
  return {
    text: stream.text(),
    stopReason,
    timings: { ...run.timings, firstTokenMs: stream.firstTokenMs() },
    ...(request.probs && run.tokenProbs ? { tokenProbs: run.tokenProbs } : {}),
  };
}

function engineFailed(error: unknown): ModelError {
  const message = error instanceof Error ? error.message : String(error);
  return new ModelError('engine-failed', `The model failed while answering: ${message}`, String(error));
}
