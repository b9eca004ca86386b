import { Extension, markInputRule } from '@tiptap/core';

/**
 * Chinese, Japanese and Korean text: a character of these scripts or their punctuation. Such
 * text has no spaces between words, so `这是**粗体**` has no word boundary before its `**`.
 */
const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]`;

/**
 * `**bold**` and `*italic*` as you type right after CJK text. Tiptap's own rules need a space
 * or a line start before the first `*` (Latin words are spaced), so in Chinese the asterisks
 * stayed and the export escaped them. The CJK character before is looked behind, not matched:
 * the rule replaces only the asterisks and the words between them.
 */
export const CjkEmphasis = Extension.create({
  name: 'cjkEmphasis',
  addInputRules() {
    const { bold, italic } = this.editor.schema.marks;
    return [
      ...(bold ? [markInputRule({ find: new RegExp(String.raw`(?<=${CJK})(\*\*(?!\s)([^*]+?)\*\*)$`, 'u'), type: bold })] : []),
      ...(italic ? [markInputRule({ find: new RegExp(String.raw`(?<=${CJK})(\*(?![\s*])([^*]+?)\*)$`, 'u'), type: italic })] : []),
    ];
  },
});
