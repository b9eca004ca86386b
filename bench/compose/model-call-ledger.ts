/**
 * Every answer a composition asks of the engine, with the counts the engine gave for it: prompt
 * positions evaluated and taken from its cache (llama-server's timings.prompt_n and cache_n),
 * tokens generated (predicted_n). The ledger wraps the session's engine, so it sees each prompt
 * exactly as the engine was sent it, whichever prompt family built it.
 *
 * Pictures: llama-server decodes every picture that lies past the cached prefix (a picture's
 * tokens are one chunk, reused only whole): those whose first position is at or after cache_n.
 * It encodes only those whose embeddings it did not keep (our picture-embedding-cache patch) and
 * says how many image chunks it encoded (timings.folio_pictures_encoded; a picture the projector
 * slices is several chunks), which the ledger keeps beside the count of pictures decoded. Their positions come from the engine's own tokenizer (the
 * text before each picture, tokenised by the engine), and a picture's size in positions from
 * the engine's counts: the prompt's positions (evaluated + cached) less its text tokens.
 */
import { createHash } from 'node:crypto';
import type { CompletionRequest, CompletionResult, Engine, PromptPart } from '../../native-models/engines/engine';
import { imageInputBytes } from '../../native-models/engines/image-input-bytes';

export interface ModelCall {
  /** The compose step the call was made in ('write', 'place', ...), and its figure (1-based) where per figure. */
  step: string;
  figure: number | null;
  wallMs: number;
  /** The engine's counts. */
  evaluated: number;
  cached: number;
  generated: number;
  promptMs: number;
  decodeMs: number;
  /** Text positions of the prompt by the engine's tokenizer. */
  textPositions: number;
  /** Positions each picture takes: (evaluated + cached - textPositions) / pictures; 0 without pictures. */
  tokensPerPicture: number;
  pictures: number;
  /** Pictures past the reused prefix, whose positions were evaluated. */
  picturesDecoded: number;
  /** Pictures past the reused prefix: each encoded unless the engine kept its embeddings (see pictureChunksEncoded). */
  picturesEncoded: number;
  /** The engine's count of image chunks encoded (llama-server's picture-embedding-cache patch); null where it does not say. */
  pictureChunksEncoded: number | null;
  /** The prompt's positions followed by the answer's: text token ids, a picture as a negative id per distinct picture. */
  sequence: number[];
  /** Where the prompt ends in `sequence`. */
  promptLength: number;
}

export interface CallContext {
  step: string;
  figure: number | null;
}

export interface CallHooks {
  /** Just before a call goes to the engine. */
  starting(): void;
  /** As it returns: the step it belonged to (known from the progress it made). */
  finished(): CallContext;
}

/**
 * Wraps `engine.complete` so every answer is measured and recorded into `calls`, then the
 * tokenisation that places its pictures is asked of the same engine.
 */
export function recordModelCalls(engine: Engine, hooks: CallHooks): ModelCall[] {
  const calls: ModelCall[] = [];
  const pictureIds = new Map<string, number>();
  const complete = engine.complete.bind(engine);
  engine.complete = async (request: CompletionRequest, handlers) => {
    hooks.starting();
    const started = performance.now();
    const result = await complete(request, handlers);
    const wallMs = performance.now() - started;
    const { step, figure } = hooks.finished();
    calls.push(await describeCall(engine, request, result, { step, figure, wallMs, pictureIds }));
    return result;
  };
  return calls;
}

interface CallFacts extends CallContext {
  wallMs: number;
  pictureIds: Map<string, number>;
}

async function describeCall(engine: Engine, request: CompletionRequest, result: CompletionResult, facts: CallFacts): Promise<ModelCall> {
  const { timings } = result;
  if (timings.cachedTokens === undefined) throw new Error('the engine did not say how many prompt tokens it took from its cache');
  const text = await engine.tokenize(request.prompt.filter((part) => part.type !== 'image'));
  const pictures = request.prompt.filter((part) => part.type === 'image').length;
  const tokensPerPicture = pictures > 0 ? (timings.promptTokens + timings.cachedTokens - text.tokens.length) / pictures : 0;
  const sequence: number[] = [];
  let decoded = 0;
  let consumed = 0;
  for (const [index, part] of request.prompt.entries()) {
    if (part.type !== 'image') continue;
    // The text before this picture, tokenised by the engine as the whole prompt is (BOS and all).
    const before = await engine.tokenize(request.prompt.slice(0, index).filter((earlier) => earlier.type !== 'image'));
    sequence.push(...before.tokens.slice(consumed));
    consumed = before.tokens.length;
    if (sequence.length >= timings.cachedTokens) decoded++;
    sequence.push(...new Array<number>(Math.max(0, Math.round(tokensPerPicture))).fill(await pictureId(part, facts.pictureIds)));
  }
  sequence.push(...text.tokens.slice(consumed));
  const promptLength = sequence.length;
  sequence.push(...(await answerTokens(engine, result.text, text.tokens[0])));
  return {
    step: facts.step,
    figure: facts.figure,
    wallMs: facts.wallMs,
    evaluated: timings.promptTokens,
    cached: timings.cachedTokens,
    generated: timings.decodedTokens,
    promptMs: timings.promptMs,
    decodeMs: timings.decodeMs,
    textPositions: text.tokens.length,
    tokensPerPicture,
    pictures,
    picturesDecoded: decoded,
    picturesEncoded: decoded,
    pictureChunksEncoded: timings.pictureChunksEncoded ?? null,
    sequence,
    promptLength,
  };
}

/** The answer's tokens as the engine tokenises its text, without the BOS the tokenizer puts first. */
async function answerTokens(engine: Engine, answer: string, bos: number | undefined): Promise<number[]> {
  if (!answer) return [];
  const { tokens } = await engine.tokenize([{ type: 'text', text: answer }]);
  return tokens[0] === bos ? tokens.slice(1) : tokens;
}

/** One negative id per distinct picture (by content), so equal pictures compare equal in sequences. */
async function pictureId(part: Extract<PromptPart, { type: 'image' }>, ids: Map<string, number>): Promise<number> {
  const { bytes } = await imageInputBytes(part.image);
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (!ids.has(hash)) ids.set(hash, -(ids.size + 1));
  return ids.get(hash) as number;
}
