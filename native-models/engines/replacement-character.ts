/**
 * What an answer shows where the model wrote bytes that are not valid UTF-8 (a lone high byte,
 * a character cut off by the token limit), as TextDecoder and llama.node write it. Every engine
 * passes such bytes through as this character; none fails the answer over them.
 */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/**
 * A run of replacement characters as one. llama.cpp's grammar takes any lead byte and its
 * continuation bytes as one character (F8 80 80 80, an overlong or a surrogate alike), which the
 * decoder then shows as one U+FFFD per byte: a JSON string the grammar held to 12 characters
 * came out 15 long and failed its schema. A run stands for at least one character the grammar
 * counted, so showing it once never makes a string longer than the grammar allowed.
 * `afterReplacement`: the text before this piece ended in one (a run across two pieces).
 */
export function oneReplacementPerRun(text: string, afterReplacement: boolean): string {
  const collapsed = text.replace(/\uFFFD{2,}/g, REPLACEMENT_CHARACTER);
  return afterReplacement && collapsed.startsWith(REPLACEMENT_CHARACTER) ? collapsed.slice(1) : collapsed;
}
