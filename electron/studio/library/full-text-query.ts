/**
 * Turns what a writer typed into an FTS5 query: every word, quoted (so `-`, `:` or `AND` in
 * the text are words, not query syntax), any of them may match; bm25 ranks pictures that
 * match more and rarer words first. Null when there is no word to look for.
 */
export function fullTextQuery(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  if (!words) return null;
  return [...new Set(words)].map((word) => `"${word}"`).join(' OR ');
}
