/**
 * What the writer gave: an outline (Markdown or plain text) or a bare instruction. Headings in
 * the outline become the article's headings, in order.
 */
export interface Outline {
  /** The outline as written, shown to the model. */
  text: string;
  headings: Array<{ level: number; title: string }>;
  /** Whether there is material before the first heading (it gets intro paragraphs). */
  hasIntro: boolean;
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;

export function parseOutline(text: string): Outline {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const headings: Outline['headings'] = [];
  let hasIntro = false;
  for (const line of lines) {
    const match = HEADING.exec(line);
    if (match) headings.push({ level: (match[1] as string).length, title: cleanTitle(match[2] as string) });
    else if (line.trim() && headings.length === 0) hasIntro = true;
  }
  return { text: text.trim(), headings, hasIntro: hasIntro || headings.length === 0 };
}

function cleanTitle(title: string): string {
  // Headings are fixed text in the write grammar: keep them on one line, without control characters.
  return (
    title
      // eslint-disable-next-line no-control-regex -- control characters never belong in a heading
      .replace(/[\u0000-\u001f]/g, ' ')
      .trim()
      .slice(0, 200)
  );
}
