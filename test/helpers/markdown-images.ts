/** The pictures a Markdown article shows, as the export and `folio compose` write them: `![alt](assets/<sha256>.<ext> "title")` on a line of its own. */
export function markdownImages(markdown: string): string[] {
  return [...markdown.matchAll(/^!\[(?:[^\]\\\n]|\\.)*\]\((assets\/[0-9a-f]{64}\.(?:png|jpg|webp|gif))(?: "(?:[^"\\\n]|\\.)*")?\)$/gm)].map(
    (match) => match[1] as string,
  );
}
