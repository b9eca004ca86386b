/**
 * The image-embedding model as the library uses it: a worker thread (picture-embedder-worker.ts)
 * that holds the model, so decoding and embedding never stall the server or the window. Started
 * once, it embeds batches of picture files and texts; close() ends the thread.
 */
import type { Worker } from 'node:worker_threads';
import type { ClipModelDescription } from '../../../native-models/clip/clip-model-files';
import { chooseThreads } from '../../../native-models/engines/choose-threads';
import { startWorker } from '../../../native-models/start-worker';
import type { ImageLimits } from './image-limits';
import { LibraryError } from './library-error';
import type { EmbedderReply, EmbedderRequest, PictureOutcome } from './picture-embedder-messages';

export type { PictureOutcome } from './picture-embedder-messages';

export interface PictureBatch {
  outcomes: PictureOutcome[];
  /** Wall time this batch spent decoding, then embedding, in the worker. */
  decodeMs: number;
  embedMs: number;
}

/** What search needs: the model's identity and text vectors in its space. */
export interface TextEmbedder {
  readonly description: ClipModelDescription;
  embedTexts(texts: readonly string[]): Promise<Float32Array[]>;
}

type Pending = { resolve: (reply: EmbedderReply) => void; reject: (error: Error) => void };

export class PictureEmbedder implements TextEmbedder {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(
    private readonly worker: Worker,
    readonly description: ClipModelDescription,
    /** onnxruntime threads the model was given, and why. */
    readonly threadsNote: string,
  ) {
    worker.on('message', (reply: EmbedderReply) => {
      if (reply.type === 'ready') return;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiting?.resolve(reply);
    });
    worker.on('error', (error: Error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new Error('the image-embedding worker stopped')));
  }

  /** Starts the worker and loads the model in `modelDir`; threads as the free cores allow unless given. */
  static async start(modelDir: string, options: { threads?: number } = {}): Promise<PictureEmbedder> {
    const plan = await chooseThreads(options.threads);
    const worker = startWorker(import.meta.url, 'picture-embedder-worker', { workerData: { modelDir, threads: plan.threads } });
    const description = await new Promise<ClipModelDescription>((resolve, reject) => {
      const fail = (why: string) =>
        reject(new LibraryError('embedding-model-unusable', `The image-embedding model could not be loaded from ${modelDir}.`, why));
      worker.once('message', (reply: EmbedderReply) =>
        reply.type === 'ready' ? resolve(reply.description) : fail(reply.type === 'failed' ? reply.message : reply.type),
      );
      worker.once('error', (error: Error) => fail(error.message));
    }).catch(async (error: unknown) => {
      await worker.terminate();
      throw error;
    });
    return new PictureEmbedder(worker, description, plan.reason);
  }

  /** Decodes and embeds these files as one batch; each answers a vector with the file's facts, or why it was skipped. */
  async embedFiles(paths: readonly string[], limits?: ImageLimits): Promise<PictureBatch> {
    const reply = await this.ask({ type: 'pictures', id: 0, paths: [...paths], limits });
    if (reply.type !== 'pictures') throw new Error(`unexpected reply ${reply.type}`);
    return { outcomes: reply.outcomes, decodeMs: reply.decodeMs, embedMs: reply.embedMs };
  }

  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    const reply = await this.ask({ type: 'texts', id: 0, texts: [...texts] });
    if (reply.type !== 'texts') throw new Error(`unexpected reply ${reply.type}`);
    return reply.vectors;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage({ type: 'close' } satisfies EmbedderRequest);
    // A worker stuck in a long batch is not waited for.
    const timer = setTimeout(() => void this.worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private ask(request: Exclude<EmbedderRequest, { type: 'close' }>): Promise<EmbedderReply> {
    if (this.closed) return Promise.reject(new LibraryError('embedding-model-unusable', 'The image-embedding model was closed.'));
    const id = this.nextId++;
    return new Promise<EmbedderReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    }).then((reply) => {
      if (reply.type === 'failed')
        throw new LibraryError('embedding-model-unusable', 'The image-embedding model failed on this request.', reply.message);
      return reply;
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
