/**
 * The image-embedding worker (electron/studio/library/picture-embedder-worker.ts), started by
 * picture-embedder.ts as `picture-embedder-worker.js` beside the main bundle; an ES module like
 * the export worker (vite.worker.config.ts). onnxruntime-node and sharp stay run-time imports.
 */
import { workerBundle } from './vite.worker.config.ts';

export default workerBundle('electron/studio/library/picture-embedder-worker.ts', 'picture-embedder-worker.js');
