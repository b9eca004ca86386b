/**
 * Text llama.cpp cannot take: it reads grammars and schemas as C strings in UTF-8, so a NUL
 * ends them early (a grammar that asks for one crashed node-llama-cpp's sampler) and a lone
 * surrogate is not UTF-8 at all (llama.node's JSON parser aborted the process on one).
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `text` cannot go to native code, or null when it can. */
export function unsafeText(text: string): string | null {
  if (text.includes('\u0000')) return 'it contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'it contains a broken Unicode character (a lone surrogate)';
  return null;
}

/** Whether a code point written as an escape (\x, \u, \U) is a character llama.cpp can match. */
export function isMatchableCodePoint(codePoint: number): boolean {
  return codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
}
