/** C0 and C1 control characters but tab, line feed and carriage return, and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Model text without control characters: a small model writes them (U+0004 and others, 139 in
 * one article), invisible in the editor but carried into the document and its exports.
 */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, '');
}
