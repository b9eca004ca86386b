/**
 * Exports an article to the format its output name asks for. Runs on whatever thread calls it;
 * the app and the CLI call `exportInWorker`, which runs this off the main thread. Output files
 * are written atomically: a failed or cancelled export leaves no half-written file.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { diskIsFull } from '../documents/disk-full';
import { ProjectError } from '../documents/project-error';
import { makeWritableFolder } from '../documents/writable-folder';
import { writeFileAtomic } from '../documents/write-file-atomic';
import { documentToDocx } from './document-to-docx';
import { ExportError } from './export-error';
import { markdownZip, ownFolderOf, writeMarkdownArticle } from './export-markdown';
import { articleTitle, collectPictures, countFigures } from './export-pictures';
import { exportFormatOf, type ExportProgress, type ExportRequest, type ExportResult, type PdfPrinter } from './export-types';
import { EXPORT_ENDINGS } from '../../contract/export-formats';
import { htmlToPdf } from './html-to-pdf';
import { selfContainedHtml } from './self-contained-html';

export async function exportArticle(
  request: ExportRequest,
  options: { onProgress?: (progress: ExportProgress) => void; signal?: AbortSignal; printPdf?: PdfPrinter } = {},
): Promise<ExportResult> {
  const format = exportFormatOf(request.outPath);
  if (!format)
    throw new ExportError('unsupported-format', `The export must end in ${EXPORT_ENDINGS}, not "${path.basename(request.outPath)}".`);
  const outPath = path.resolve(request.outPath);
  const { signal, onProgress } = options;
  const checkAborted = (): void => {
    if (signal?.aborted) throw new ExportError('aborted', 'The export was cancelled.');
  };
  // A Markdown folder of its own is made whole at the end (written aside): only the folder it goes in now.
  const ownFolder = format === 'md' ? ownFolderOf(outPath) : null;
  await guardWrite(() => makeWritableFolder(path.dirname(ownFolder ?? outPath)));
  const { pictures, skipped } = await collectPictures(request.projectDir, request.document, { onProgress, signal });
  checkAborted();
  const title = articleTitle(request.document, request.title);
  onProgress?.({ phase: 'rendering', done: 0, total: 1 });
  let extraFiles: string[] = [];
  let output: Uint8Array | string | null = null;
  if (format === 'md') extraFiles = await guardWrite(() => writeMarkdownArticle(request.document, pictures, outPath));
  else if (format === 'zip') output = markdownZip(request.document, pictures, outPath);
  else if (format === 'html') output = selfContainedHtml(request.document, pictures, title);
  else if (format === 'docx') output = await documentToDocx(request.document, pictures, title);
  else {
    const printPdf = options.printPdf ?? ((html: string) => htmlToPdf(html, { chromiumPath: request.chromiumPath, signal }));
    output = await printPdf(selfContainedHtml(request.document, pictures, title), signal);
  }
  checkAborted();
  onProgress?.({ phase: 'writing', done: 0, total: 1 });
  if (output !== null) await guardWrite(() => writeFileAtomic(outPath, output));
  onProgress?.({ phase: 'writing', done: 1, total: 1 });
  return { outPath, format, figures: countFigures(request.document, pictures), skipped, extraFiles, bytes: (await stat(outPath)).size };
}

/** A failed write, or a location refused, is the export's own failure, said for the writer. */
async function guardWrite<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ExportError) throw error;
    if (error instanceof ProjectError) throw new ExportError('write-failed', `The export was not saved. ${error.message}`, error.detail);
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'it may not be written there (permissions)'
        : diskIsFull(error)
          ? 'the disk is full'
          : 'it could not be written';
    throw new ExportError('write-failed', `The export was not saved: ${why}.`, error instanceof Error ? error.message : String(error));
  }
}
