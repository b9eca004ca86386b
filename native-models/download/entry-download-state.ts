import type { CatalogEntry } from '../catalog/catalog-entry';
import { entryPaths } from '../catalog/models-folder';
import { partialBytes } from './part-file';
import { checkPresentFile } from './present-file';

export interface EntryDownloadState {
  /** Both files are in the models folder under their final names. */
  state: 'downloaded' | 'partial' | 'absent';
  /** Bytes already in partial files (a paused download). */
  partialBytes: number;
  decoder: string;
  projector: string;
}

/** What of an entry is on disk; sizes are compared where the catalog knows them, checksums are not read. */
export async function entryDownloadState(modelsDir: string, entry: CatalogEntry): Promise<EntryDownloadState> {
  const paths = entryPaths(modelsDir, entry);
  const [decoder, projector, decoderPart, projectorPart] = await Promise.all([
    checkPresentFile(paths.decoder, { ...(entry.decoder.bytes === undefined ? {} : { bytes: entry.decoder.bytes }) }),
    checkPresentFile(paths.projector, { ...(entry.projector.bytes === undefined ? {} : { bytes: entry.projector.bytes }) }),
    partialBytes(paths.decoder),
    partialBytes(paths.projector),
  ]);
  const complete = decoder.state === 'complete' && projector.state === 'complete';
  const partial = decoderPart + projectorPart;
  return {
    state: complete ? 'downloaded' : partial > 0 || decoder.state === 'complete' || projector.state === 'complete' ? 'partial' : 'absent',
    partialBytes: partial,
    ...paths,
  };
}
