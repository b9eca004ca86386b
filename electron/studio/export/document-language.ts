import { textOf, type ArticleDocument } from '../documents/article-document';

/**
 * The article's language for an export's `lang`, from the scripts its text is written in: a
 * Chinese article marked `lang="en"` is read aloud and hyphenated as English, and browsers pick
 * Japanese glyphs for Han characters without `zh`. Kana means Japanese, Hangul Korean, Han alone
 * Chinese; an article mostly in Latin letters (or with no letters) stays English.
 */
export function documentLanguage(document: ArticleDocument): string {
  const text = document.content.map((node) => (node.type === 'figure' ? node.attrs.caption : textOf(node))).join('\n');
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const han = count(/\p{Script=Han}/gu);
  const kana = count(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const hangul = count(/\p{Script=Hangul}/gu);
  const latin = count(/\p{Script=Latin}/gu);
  // A CJK character stands for a word or a syllable, a Latin letter for a sixth of a word or so.
  if (han + kana + hangul === 0 || latin > 3 * (han + kana + hangul)) return 'en';
  if (kana > 0 && kana >= hangul) return 'ja';
  if (hangul > han) return 'ko';
  return 'zh';
}
