import { ModelError } from '../errors';
import type { PromptPart } from './engine';

/**
 * Refuses a prompt whose text alone cannot fit the context, before it is sent anywhere: no
 * token covers more characters than the vocabulary's longest piece, so the text needs at least
 * its length divided by that many tokens (counted with a margin of two, for tokenizers that fold
 * characters together). A 43-million-character message used to reach the model host, where
 * tokenizing it would take minutes and its time limit overflowed.
 */
export function checkPromptCanFit(prompt: readonly PromptPart[], contextSize: number, longestPiece: number): void {
  if (!(contextSize > 0) || !(longestPiece > 0)) return;
  let characters = 0;
  let ids = 0;
  for (const part of prompt)
    if (part.type === 'text') characters += part.text.length;
    else if (part.type === 'tokens') ids += part.tokens.length;
  const fewestTokens = Math.ceil(characters / (2 * longestPiece)) + ids;
  // One token of room is the least any answer needs.
  if (fewestTokens + 1 <= contextSize) return;
  throw new ModelError(
    'prompt-too-long',
    `This request is too long for the model: its ${characters.toLocaleString('en')} characters need at least ${fewestTokens.toLocaleString('en')} tokens and the model's context holds ${contextSize.toLocaleString('en')}. Shorten the text.`,
    `text ${characters} characters, longest vocabulary piece ${longestPiece} characters, context ${contextSize} tokens`,
  );
}

/** The longest piece of a vocabulary, in characters (UTF-16 units, as string lengths count). */
export function longestPiece(tokens: readonly string[]): number {
  let longest = 0;
  for (const token of tokens) if (token.length > longest) longest = token.length;
  return longest;
}
