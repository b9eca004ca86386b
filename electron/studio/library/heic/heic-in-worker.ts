/**
 * Decodes a HEIC picture on a worker thread: libheif-js decodes synchronously (seconds for a
 * 12-MP photo), which on the server's main thread would stall every client. The worker ends with
 * the picture, so the decoder's WebAssembly memory goes with it. A picture with more pixels than
 * the limit is refused from its header before any is decoded.
 */
import { timerDelay } from '../../../../native-models/timer-delay';
import { startWorker } from '../../../../native-models/start-worker';
import type { PictureBound } from '../picture-bound';
import type { DecodedHeic, HeicPicture } from './decode-heic';

export type HeicOutcome =
  | { type: 'decoded'; decoded: DecodedHeic; picture: Omit<HeicPicture, 'decoded'> }
  | { type: 'too-many-pixels'; width: number; height: number }
  | { type: 'failed'; message: string };

/** `bound`: the size the pixels are wanted at; a thumbnail that covers it is decoded instead of the picture. */
export function decodeHeicInWorker(
  bytes: Uint8Array,
  request: { maxPixels: number; bound?: PictureBound },
  timeoutMs: number,
): Promise<HeicOutcome> {
  const worker = startWorker(import.meta.url, 'heic-worker', { workerData: { bytes, ...request } });
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: HeicOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => finish({ type: 'failed', message: `decoding took longer than ${Math.round(timeoutMs / 1000)} s` }),
      timerDelay(timeoutMs),
    );
    worker.once('message', (message: HeicOutcome) => finish(message));
    worker.once('error', (error: Error) => finish({ type: 'failed', message: error.message }));
    worker.once('exit', (code) => finish({ type: 'failed', message: `the decoder stopped (exit code ${code})` }));
  });
}
