import { existsSync } from 'node:fs';
import path from 'node:path';
import { convertXComposer2 } from '../../../native-models/convert/convert-xcomposer2';
import { AbortedError } from '../../../native-models/errors';
import type { ConvertRequest, ConvertedModel, JobProgress } from '../../contract/studio-api';

/**
 * The studio's "Convert a downloaded model": the same converter as `folio convert`, into
 * `<models>/converted/<checkpoint>-<type>` (a new name when that exists), with progress per file.
 */
export async function runConversion(
  modelsDir: string,
  request: ConvertRequest,
  job: { signal: AbortSignal; progress: (progress: JobProgress) => void },
): Promise<ConvertedModel> {
  const outDir = freeFolder(path.join(modelsDir, 'converted', `${path.basename(path.resolve(request.checkpointDir))}-${request.type}`));
  try {
    const { manifest } = await convertXComposer2({
      checkpointDir: request.checkpointDir,
      outDir,
      type: request.type,
      signal: job.signal,
      onProgress: (step, fraction) => job.progress({ kind: 'convert', step, fraction }),
    });
    return { cancelled: false, outDir, decoder: path.join(outDir, manifest.decoder) };
  } catch (error) {
    if (error instanceof AbortedError || job.signal.aborted) return { cancelled: true, outDir: null, decoder: null };
    throw error;
  }
}

function freeFolder(wanted: string): string {
  let candidate = wanted;
  for (let n = 2; existsSync(candidate); n++) candidate = `${wanted}-${n}`;
  return candidate;
}
