/**
 * What an answer shows where the model wrote bytes that are not valid UTF-8 (a lone high byte,
 * a character cut off by the token limit), as TextDecoder and llama.node write it. Every engine
 * passes such bytes through as this character; none fails the answer over them.
 */
export const REPLACEMENT_CHARACTER = '\uFFFD';
