/** The pictures a Markdown article shows, as the export and `folio compose` write them: `![alt](<name>-images/figure-<n>.<ext> "title")` on a line of its own. */
export function markdownImages(markdown: string): string[] {
  return [
    ...markdown.matchAll(
      /^!\[(?:[^\]\\\n]|\\.)*\]\(([^()\s/]+-images\/figure-[1-9][0-9]*\.(?:png|jpg|webp|gif))(?: "(?:[^"\\\n]|\\.)*")?\)$/gm,
    ),
  ].map((match) => match[1] as string);
}
