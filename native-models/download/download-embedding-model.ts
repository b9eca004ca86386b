/**
 * Downloads the catalog's image-embedding model into `<models>/<id>/`: its files one after the
 * other, each resumable (NAME.part, as the language models' files), then clip-model.json written
 * from the entry, so the folder is complete only when every file is. Stopped, it continues where
 * it stopped; a finished folder is not fetched again.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { catalogFileName, type EmbeddingModelEntry } from '../catalog/catalog-entry';
import { CLIP_FILES, type ClipModelDescription } from '../clip/clip-model-files';
import { downloadFile, type DownloadFileOptions } from './download-file';
import { withDownloadLock } from './download-lock';

export interface EmbeddingDownloadProgress {
  receivedBytes: number;
  totalBytes: number;
  fileName: string;
}

export interface DownloadedEmbeddingModel {
  dir: string;
  alreadyPresent: boolean;
  fetchedBytes: number;
}

export async function downloadEmbeddingModel(
  entry: EmbeddingModelEntry,
  options: Pick<DownloadFileOptions, 'retries' | 'retryDelayMs' | 'stallTimeoutMs' | 'headers' | 'freeDiskBytes'> & {
    modelsDir: string;
    signal?: AbortSignal;
    onProgress?: (progress: EmbeddingDownloadProgress) => void;
  },
): Promise<DownloadedEmbeddingModel> {
  const dir = path.join(options.modelsDir, entry.id);
  await mkdir(dir, { recursive: true });
  return withDownloadLock(dir, async () => {
    const totalBytes = entry.files.reduce((sum, file) => sum + (file.bytes ?? file.approxBytes), 0);
    let finished = 0;
    let fetchedBytes = 0;
    let alreadyPresent = true;
    const { modelsDir: _dir, onProgress, ...passed } = options;
    for (const file of entry.files) {
      const fileName = catalogFileName(file);
      const result = await downloadFile({
        ...passed,
        url: file.url,
        destination: path.join(dir, fileName),
        ...(file.bytes === undefined ? {} : { bytes: file.bytes }),
        ...(file.sha256 === undefined ? {} : { sha256: file.sha256 }),
        onAbort: 'keep',
        onProgress: (progress) => onProgress?.({ receivedBytes: finished + progress.receivedBytes, totalBytes, fileName }),
      });
      finished += result.bytes;
      fetchedBytes += result.fetchedBytes;
      alreadyPresent &&= result.alreadyPresent;
    }
    const description: ClipModelDescription = { id: entry.id, name: entry.name, ...entry.description };
    const temporary = path.join(dir, `${CLIP_FILES.description}.writing`);
    await writeFile(temporary, `${JSON.stringify(description, null, 2)}\n`);
    await rename(temporary, path.join(dir, CLIP_FILES.description));
    return { dir, alreadyPresent, fetchedBytes };
  });
}
