/** The formats an article exports to, named by the output file's extension. */
export const EXPORT_FORMATS = ['md', 'zip', 'html', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * How each format is named, in one place: `name` where a line reports what was written (folio
 * export: "Word, 2 figures -> a.docx"), `label` where a writer chooses among them (the studio's
 * Format menu, which says what the file holds).
 */
export const EXPORT_FORMAT_NAMES: Readonly<Record<ExportFormat, { name: string; label: string }>> = {
  md: { name: 'Markdown', label: 'Markdown folder (article and pictures)' },
  zip: { name: 'Markdown (zip)', label: 'Markdown + pictures (zip)' },
  html: { name: 'HTML', label: 'Web page (HTML)' },
  docx: { name: 'Word', label: 'Word (DOCX)' },
  pdf: { name: 'PDF', label: 'PDF' },
};

/** ".md, .zip, .html, .docx or .pdf": the endings an export may have, for messages. */
export const EXPORT_ENDINGS = `${EXPORT_FORMATS.slice(0, -1)
  .map((format) => `.${format}`)
  .join(', ')} or .${EXPORT_FORMATS[EXPORT_FORMATS.length - 1]}`;
