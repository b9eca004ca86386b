import { realpath } from 'node:fs/promises';
import type { ArticleDocument } from '../documents/article-document';
import { firstHeadingText } from '../documents/first-heading-text';
import { assetProblemText, listAssets, loadAsset } from '../documents/project-assets';
import { ProjectError, describeError } from '../documents/project-error';
import { pictureForDisplay } from '../library/picture-for-display';
import { ExportError } from './export-error';
import type { ExportProgress } from './export-types';

export interface ExportPicture {
  bytes: Buffer;
  mimeType: string;
}

/**
 * The pictures an export shows (each figure's chosen one), read and checked from the project.
 * Figures without a usable picture are left out of the export with the reason.
 */
export async function collectPictures(
  projectDir: string,
  document: ArticleDocument,
  options: { onProgress?: (progress: ExportProgress) => void; signal?: AbortSignal } = {},
): Promise<{ pictures: Map<string, ExportPicture>; skipped: string[] }> {
  const root = await realpath(projectDir).catch((error: unknown) => {
    throw new ProjectError('project-missing', `The project folder could not be found: ${projectDir}`, describeError(error));
  });
  const assets = await listAssets(root);
  const pictures = new Map<string, ExportPicture>();
  const skipped: string[] = [];
  const figures = document.content.filter((node) => node.type === 'figure');
  let number = 0;
  for (const node of figures) {
    if (options.signal?.aborted) throw new ExportError('aborted', 'The export was cancelled.');
    number++;
    const id = node.attrs.assetId;
    if (!id) skipped.push(`Figure ${number}: an empty slot (${node.attrs.emptyReason ?? 'no picture'})`);
    else if (!pictures.has(id)) {
      const loaded = await loadAsset(assets, id);
      // A HEIC, TIFF, SVG, AVIF or BMP goes out as a JPEG or PNG copy that every viewer shows.
      if ('bytes' in loaded) {
        const shown = await pictureForDisplay({ bytes: loaded.bytes, mimeType: loaded.mimeType }).catch(() => null);
        if (shown) pictures.set(id, shown);
        else skipped.push(`Figure ${number}: ${assetProblemText('damaged')}`);
      } else skipped.push(`Figure ${number}: ${assetProblemText(loaded.problem)}`);
    }
    options.onProgress?.({ phase: 'pictures', done: number, total: figures.length });
  }
  return { pictures, skipped };
}

/** The title of an exported article: the one given, else its first heading, else "Article". */
export function articleTitle(document: ArticleDocument, title?: string): string {
  if (title?.trim()) return title.trim();
  return firstHeadingText(document) || 'Article';
}

export function countFigures(document: ArticleDocument, pictures: Map<string, ExportPicture>): number {
  return document.content.filter((node) => node.type === 'figure' && node.attrs.assetId && pictures.has(node.attrs.assetId)).length;
}
