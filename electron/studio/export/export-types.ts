import type { ArticleDocument } from '../documents/article-document';
import { EXPORT_FORMATS, type ExportFormat } from '../../contract/export-formats';

export function exportFormatOf(outPath: string): ExportFormat | null {
  const extension = /\.([a-z]+)$/i.exec(outPath)?.[1]?.toLowerCase();
  return (EXPORT_FORMATS as readonly string[]).includes(extension ?? '') ? (extension as ExportFormat) : null;
}

export interface ExportRequest {
  /** The project the document's pictures are in. */
  projectDir: string;
  /** The article as the editor has it (saved or not). */
  document: ArticleDocument;
  outPath: string;
  /** The page or document title; the first heading when absent. */
  title?: string;
  /** For PDF: the Chromium (or Chrome) to print with; found on PATH when absent. */
  chromiumPath?: string;
}

/**
 * Prints the self-contained HTML export to PDF bytes. The desktop app passes Electron's own
 * printToPDF (a writer's machine has no Chromium of its own to find); without one, the system's
 * Chromium is driven (html-to-pdf.ts).
 */
export type PdfPrinter = (html: string, signal?: AbortSignal) => Promise<Uint8Array>;

export interface ExportProgress {
  phase: 'pictures' | 'rendering' | 'writing';
  done: number;
  total: number;
}

export interface ExportResult {
  outPath: string;
  format: ExportFormat;
  /** Pictures in the exported article. */
  figures: number;
  /** Figures left out, each with the reason (an empty slot, a missing picture). */
  skipped: string[];
  /** Files written besides `outPath` (the images folder of a Markdown export). */
  extraFiles: string[];
  bytes: number;
}
