/**
 * A benchmark question as the model sees it: the picture first, then the hint, the question and
 * the options with their letters; the answer is held to exactly one of those letters by a
 * grammar, so nothing has to be read out of free text (VLMEvalKit needs a judge model for that).
 */
import type { ImageInput } from '../../../../../native-models/engines/engine';
import type { ChatPrompt } from '../../../../../native-models/prompts/chat-format';
import { oneOf } from '../../prompts/gbnf';
import type { EvalQuestion } from '../prompt-family';

export function questionPrompt(asked: EvalQuestion): ChatPrompt {
  const content: Array<string | ImageInput> = [];
  if (asked.picture) content.push({ bytes: asked.picture.bytes, mimeType: asked.picture.mimeType }, '\n');
  const lines = [
    ...(asked.hint ? [`Hint: ${asked.hint}`] : []),
    `Question: ${asked.question}`,
    'Options:',
    ...asked.options.map((option) => `${option.letter}. ${option.text}`),
    "Answer with the option's letter from the given choices directly.",
  ];
  content.push(lines.join('\n'));
  return { turns: [{ role: 'user', content }] };
}

/** GBNF allowing exactly one of the options' letters. */
export function letterGrammar(options: EvalQuestion['options']): string {
  return oneOf(options.map((option) => option.letter));
}

/**
 * The option letter in an answer. With the grammar it is the whole answer; a remote server that
 * ignores grammars may write "B." or "(B) a boat": the first option letter standing alone counts.
 * No letter at all is an answer that is wrong.
 */
export function letterIn(text: string, letters: readonly string[]): string {
  const trimmed = text.trim();
  if (letters.includes(trimmed)) return trimmed;
  const standing = trimmed.match(/(?:^|[^A-Za-z])([A-Z])(?![A-Za-z])/);
  return standing?.[1] && letters.includes(standing[1]) ? standing[1] : '';
}
