/**
 * The HEIC decoding worker (electron/studio/library/heic/heic-worker.ts), started by
 * heic-in-worker.ts as `heic-worker.js` beside the main bundle, an ES module like the export
 * worker's.
 */
import { workerBundle } from './vite.worker.config.ts';

export default workerBundle('electron/studio/library/heic/heic-worker.ts', 'heic-worker.js');
