/** The formats an article exports to, named by the output file's extension. */
export const EXPORT_FORMATS = ['md', 'zip', 'html', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** ".md, .zip, .html, .docx or .pdf": the endings an export may have, for messages. */
export const EXPORT_ENDINGS = `${EXPORT_FORMATS.slice(0, -1)
  .map((format) => `.${format}`)
  .join(', ')} or .${EXPORT_FORMATS[EXPORT_FORMATS.length - 1]}`;
