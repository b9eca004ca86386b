/**
 * The image-embedding worker thread: owns the CLIP model, decodes pictures (sharp, off this
 * thread too) and embeds them in batches, and embeds texts. Requests are answered as they
 * finish, so the next batch decodes while this one is embedded. Errors go back as plain objects.
 */
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { ClipModel } from '../../../native-models/clip/clip-model';
import { decodeForEmbedding, type PictureForEmbedding } from './decode-for-embedding';
import { isImageSkip } from './library-error';
import type { EmbedderReply, EmbedderRequest, EmbedderSetup, PictureOutcome } from './picture-embedder-messages';

const port = parentPort;
if (!port) throw new Error('picture-embedder-worker.ts runs as a worker thread (see picture-embedder.ts).');
const setup = workerData as EmbedderSetup;
// Each decode on one libvips thread: the pictures of a batch decode side by side instead.
sharp.concurrency(1);
// Each picture is decoded once: libvips' operation cache would only hold memory.
sharp.cache(false);
const loading = ClipModel.load(setup.modelDir, { threads: setup.threads });
const send = (reply: EmbedderReply, transfer: ArrayBuffer[] = []): void => port.postMessage(reply, transfer);

loading.then(
  (model) => send({ type: 'ready', description: model.description }),
  (error: unknown) => send({ type: 'failed', id: 0, message: String(error instanceof Error ? error.message : error) }),
);

port.on('message', (request: EmbedderRequest) => {
  if (request.type === 'close') {
    void loading.then((model) => model.release()).finally(() => port.close());
    return;
  }
  answer(request).catch((error: unknown) =>
    send({ type: 'failed', id: request.id, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});

async function answer(request: Exclude<EmbedderRequest, { type: 'close' }>): Promise<void> {
  const model = await loading;
  if (request.type === 'texts') {
    const vectors = await model.embedTexts(request.texts);
    send(
      { type: 'texts', id: request.id, vectors },
      vectors.map((vector) => vector.buffer as ArrayBuffer),
    );
    return;
  }
  const started = performance.now();
  const size = model.description.imageSize;
  const decoded = await Promise.all(
    request.paths.map((file) => decodeForEmbedding(file, size, request.limits).catch((error: unknown) => error)),
  );
  const decodeMs = performance.now() - started;
  const pictures = decoded.filter((entry): entry is PictureForEmbedding => !(entry instanceof Error));
  const vectors = await model.embedPictures(pictures.map((picture) => picture.rgb));
  let next = 0;
  const outcomes: PictureOutcome[] = decoded.map((entry) => {
    if (entry instanceof Error || !('rgb' in (entry as object))) {
      if (!isImageSkip(entry)) throw entry;
      return { ok: false, reason: entry.code, message: entry.message };
    }
    const { rgb: _pixels, ...facts } = entry as PictureForEmbedding;
    return { ok: true, ...facts, vector: vectors[next++] as Float32Array };
  });
  send({ type: 'pictures', id: request.id, outcomes, decodeMs, embedMs: performance.now() - started - decodeMs });
}
