/**
 * The HEIC decoding worker thread (started by heic-in-worker.ts): decodes the one picture it is
 * given (its thumbnail where that covers the bound) and posts its pixels back (the buffer moved,
 * not copied), or the reason it could not.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PictureBound } from '../picture-bound';
import { decodeHeic, heicSize } from './decode-heic';

const port = parentPort;
if (!port) throw new Error('heic-worker.ts runs as a worker thread (see heic-in-worker.ts).');
const { bytes, maxPixels, bound } = workerData as { bytes: Uint8Array; maxPixels: number; bound?: PictureBound };
try {
  const { width, height } = heicSize(bytes);
  if (width * height > maxPixels) port.postMessage({ type: 'too-many-pixels', width, height });
  else {
    const picture = decodeHeic(bytes, bound);
    const { decoded, ...size } = picture;
    port.postMessage({ type: 'decoded', decoded, picture: size }, [decoded.data.buffer as ArrayBuffer]);
  }
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
