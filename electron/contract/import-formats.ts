/** The files Import takes (by extension, without the dot): Markdown, and plain text as paragraphs. Shared by the native dialog and the browser's picker. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['md', 'markdown', 'txt'];
