/**
 * Bringing writing in: an outline (Markdown or plain text) as a document of headings and
 * paragraphs, or a Markdown article with its pictures, which are checked and stored in the
 * project. A picture that cannot be brought in leaves its figure empty, with the reason.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArticleDocument } from './article-document';
import { importImage } from './import-image';
import { MAX_MARKDOWN_BYTES, parseMarkdownArticle } from './parse-markdown-article';
import { ProjectError, type ProjectWarning } from './project-error';
import { megabytes } from './project-files';
import { OUTSIDE_FILE_PROBLEM_TEXT } from '../../../native-models/files/outside-file-problem-text';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';
import type { AssetRecord } from './project-manifest';
import { textToDocument } from './text-to-document';

type OutlineFormat = 'markdown' | 'text';

/** Plain-text outlines and articles; anything this large is not one (Markdown has its own, smaller limit). */
const MAX_TEXT_BYTES = 10 * 1024 * 1024;
/** Read before prepareImage applies the real limit, so a huge file is never read whole. */
const MAX_PICTURE_BYTES = 64 * 1024 * 1024;

function outlineFormatOf(file: string): OutlineFormat {
  return /\.(txt|text)$/i.test(file) ? 'text' : 'markdown';
}

export interface ImportedArticle {
  document: ArticleDocument;
  /** Pictures now in the project, for the manifest (see `withAsset`). */
  assets: Array<{ assetId: string; record: AssetRecord }>;
  warnings: ProjectWarning[];
}

/** A Markdown (or text) file with its pictures, read relative to the file, into the project. */
export async function importArticleFile(projectDir: string, file: string): Promise<ImportedArticle> {
  const format = outlineFormatOf(file);
  const text = await readTextFile(file, format === 'text' ? MAX_TEXT_BYTES : MAX_MARKDOWN_BYTES);
  if (format === 'text') return { document: textToDocument(text), assets: [], warnings: [] };
  const { document, images } = await parseMarkdownArticle(text);
  const assets: ImportedArticle['assets'] = [];
  const warnings: ProjectWarning[] = [];
  for (const image of images) {
    const node = document.content[image.index];
    if (node?.type !== 'figure') continue;
    try {
      const bytes = await readPicture(image.src, path.dirname(path.resolve(file)));
      const picture = await importImage(
        projectDir,
        { bytes, name: path.basename(image.src.split('?')[0] ?? image.src).slice(0, 200) },
        'pasted',
      );
      Object.assign(node.attrs, {
        assetId: picture.assetId,
        provenance: 'pasted',
        candidates: [picture.assetId],
        chosen: 0,
        emptyReason: null,
      });
      assets.push({ assetId: picture.assetId, record: picture.record });
    } catch (error) {
      if (!(error instanceof ProjectError)) throw error;
      node.attrs.emptyReason = `The picture ${shortSource(image.src)} could not be imported: ${error.message}`;
      warnings.push({ code: 'asset-missing', message: node.attrs.emptyReason, detail: error.detail });
    }
  }
  return { document, assets, warnings };
}

async function readTextFile(file: string, maxBytes: number): Promise<string> {
  const read = await readOutsideFile(file, maxBytes);
  if ('bytes' in read) {
    if (read.bytes.includes(0)) throw new ProjectError('import-unreadable', `This is not a text file: ${file}`);
    return read.bytes.toString('utf8');
  }
  const why = {
    missing: `The file could not be found: ${file}`,
    'not-a-file': `This is not a file: ${file}`,
    'system-file': `This is a system file (such as one under /proc), not a document: ${file}`,
    'too-large': `The file is too large to import (${megabytes(read.size ?? 0)}; the limit is ${megabytes(maxBytes)}): ${file}`,
    forbidden: `The file may not be read (permissions): ${file}`,
    unreadable: `The file could not be read: ${file}`,
  }[read.problem];
  // A file past the size limit is refused as Markdown past it is (import-too-large), whichever check sees it first.
  throw new ProjectError(read.problem === 'too-large' ? 'import-too-large' : 'import-unreadable', why, read.detail);
}

async function readPicture(src: string, baseDir: string): Promise<Uint8Array> {
  const data = /^data:image\/[a-z.+-]+;base64,([A-Za-z0-9+/=\s]*)$/i.exec(src);
  if (data) return Buffer.from(data[1] as string, 'base64');
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !/^file:/i.test(src) && !/^[a-z]:[\\/]/i.test(src)) {
    throw new ProjectError('import-unreadable', 'pictures on the web are not fetched (Folio works offline).');
  }
  // Each way of reading the address is tried on the file itself, never checked by name first.
  let read: Awaited<ReturnType<typeof readOutsideFile>> | null = null;
  for (const file of candidatePaths(src, baseDir)) {
    read = await readOutsideFile(file, MAX_PICTURE_BYTES);
    if ('bytes' in read) return read.bytes;
    if (read.problem !== 'missing') break;
  }
  if (read?.problem === 'too-large')
    throw new ProjectError('import-unreadable', `the file is too large (${megabytes(read.size ?? 0)}).`, read.detail);
  throw new ProjectError('import-unreadable', `the file ${OUTSIDE_FILE_PROBLEM_TEXT[read?.problem ?? 'missing']}.`, read?.detail ?? src);
}

/** The picture's file: the address as written, or percent-decoded (`My%20Photo.png`). */
function candidatePaths(src: string, baseDir: string): string[] {
  const tries: string[] = [];
  try {
    tries.push(/^file:/i.test(src) ? fileURLToPath(src) : path.resolve(baseDir, src));
    tries.push(path.resolve(baseDir, decodeURIComponent(src)));
  } catch {
    // not a file URL, or a stray "%": whatever was collected is tried
  }
  return [...new Set(tries)];
}

function shortSource(src: string): string {
  return src.startsWith('data:') ? '(embedded)' : `“${src.length > 80 ? `${src.slice(0, 77)}…` : src}”`;
}
