/** What the image-embedding worker and its client say to each other (postMessage: plain data and typed arrays). */
import type { ClipModelDescription } from '../../../native-models/clip/clip-model-files';
import type { ImageLimits } from './image-limits';
import type { ImageSkipReason } from './library-error';
import type { SourceFormat } from './prepare-image';

export interface EmbedderSetup {
  modelDir: string;
  threads: number;
}

export type EmbedderRequest =
  | { type: 'pictures'; id: number; paths: string[]; limits?: ImageLimits }
  | { type: 'texts'; id: number; texts: string[] }
  | { type: 'close' };

export type PictureOutcome =
  | { ok: true; vector: Float32Array; sha256: string; byteSize: number; format: SourceFormat; width: number; height: number }
  | { ok: false; reason: ImageSkipReason; message: string };

export type EmbedderReply =
  | { type: 'ready'; description: ClipModelDescription }
  | { type: 'pictures'; id: number; outcomes: PictureOutcome[]; decodeMs: number; embedMs: number }
  | { type: 'texts'; id: number; vectors: Float32Array[] }
  | { type: 'failed'; id: number; message: string };
