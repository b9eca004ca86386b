/**
 * The tiny XComposer2 checkpoint's vocabulary as its converted decoder's GGUF header carries it
 * (built by the converter's own functions from tokenizer.model), and what the independent
 * reference (reference_forward.py) says: the original code's token sequence for a prompt
 * (--ids-only) and its greedy steps.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PromptPart } from '../../native-models/engines/engine';
import { decoderVocabulary } from '../../native-models/convert/decoder-vocabulary';
import { parseSentencePieceModel } from '../../native-models/convert/sentencepiece-model';
import type { TokenizerFacts } from '../../native-models/prompts/chat-format';
import type { ModelVocabulary } from '../../native-models/tokenizer/model-vocabulary';
import { pythonWithTorch } from '../fixtures/xcomposer2-checkpoint';

const run = promisify(execFile);
const REFERENCE_SCRIPT = path.resolve('test/fixtures/xcomposer2/reference_forward.py');

/** What the converted decoder's GGUF header says about its tokenizer. */
export function convertedTokenizerFacts(checkpoint: string): TokenizerFacts {
  const file = path.join(checkpoint, 'tokenizer.model');
  const model = parseSentencePieceModel(readFileSync(file), file);
  const metadata = new Map(decoderVocabulary(model, model.pieces.length, 1).metadata.map((entry) => [entry.key, entry.value]));
  return {
    tokens: metadata.get('tokenizer.ggml.tokens') as string[],
    scores: metadata.get('tokenizer.ggml.scores') as number[],
    types: metadata.get('tokenizer.ggml.token_type') as number[],
    bosTokenId: 1,
    eosTokenId: metadata.get('tokenizer.ggml.eos_token_id') as number,
    addBos: true,
    addSpacePrefix: metadata.get('tokenizer.ggml.add_space_prefix') as boolean,
    tokenizerModel: 'llama',
  };
}

/** A sequence: token-id lists and null where a picture goes. */
type Sequence = Array<number[] | null>;

/** One greedy step of a forward pass: the token and the top probabilities, [id, p] pairs. */
export interface Step {
  id: number;
  top: Array<[number, number]>;
}

/** The reference forward pass's greedy steps (reference_forward.py CHECKPOINT IMAGE PROMPT ...options). */
export async function referenceSteps(checkpoint: string, image: string, prompt: string, ...options: string[]): Promise<Step[]> {
  const { stdout } = await run(await pythonWithTorch(), [REFERENCE_SCRIPT, checkpoint, image, prompt, ...options], {
    timeout: 180_000,
  });
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Step);
}

/** The largest probability gap over the steps both runs share, 1 where their top ids differ. */
export function stepsGap(a: readonly Step[], b: readonly Step[]): number {
  let worst = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const mine = new Map(a[i]!.top);
    for (const [id, p] of b[i]!.top) worst = Math.max(worst, mine.has(id) ? Math.abs(mine.get(id)! - p) : 1);
    if (a[i]!.id !== b[i]!.id) break; // after a different token the contexts differ
  }
  return worst;
}

/** The original code's sequence for `prompt`, built by the reference script (`--wrap`). */
export async function originalSequence(checkpoint: string, prompt: string, wrap: 'chat' | 'composition' | 'vlmeval'): Promise<number[]> {
  const { stdout } = await run(await pythonWithTorch(), [REFERENCE_SCRIPT, checkpoint, '-', prompt, '--wrap', wrap, '--ids-only']);
  return flatten((JSON.parse(stdout) as { ids: Sequence }).ids);
}

/**
 * What the engine evaluates for these parts, pictures as -1: token parts as they are; text as
 * llama.cpp tokenises it (the first text with the BOS the engine adds, which it also puts before
 * a leading picture); llama-server's own tokenisation is checked against this elsewhere.
 */
export function sentSequence(vocabulary: ModelVocabulary, parts: readonly PromptPart[]): number[] {
  const exact = parts.some((part) => part.type === 'tokens');
  const ids: number[] = !exact && parts[0]?.type === 'image' && vocabulary.bosId !== undefined ? [vocabulary.bosId] : [];
  parts.forEach((part, index) => {
    if (part.type === 'tokens') ids.push(...part.tokens);
    else if (part.type === 'image') ids.push(-1);
    else ids.push(...vocabulary.llamaCpp(part.text, !exact && index === 0));
  });
  return ids;
}

function flatten(sequence: Sequence): number[] {
  return sequence.flatMap((ids) => ids ?? [-1]);
}
