/**
 * A CLIP model loaded in onnxruntime: pictures (already scaled to the tower's square, RGB) and
 * texts to unit-length vectors in one space, in batches. Each tower is loaded on first use, so
 * a search never pays for the image tower nor indexing for the text tower's vocabulary.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-node';
import { CLIP_FILES, readClipDescription, type ClipModelDescription } from './clip-model-files';
import { clipPixels } from './clip-pixels';

export interface ClipLoadOptions {
  /** Threads for onnxruntime's operators (intra-op). @default 1 */
  threads?: number;
}

export class ClipModel {
  private vision: Promise<ort.InferenceSession> | null = null;
  private text: Promise<{ session: ort.InferenceSession; tokenizer: Tokenizer }> | null = null;

  private constructor(
    readonly dir: string,
    readonly description: ClipModelDescription,
    private readonly threads: number,
  ) {}

  static async load(dir: string, options: ClipLoadOptions = {}): Promise<ClipModel> {
    for (const name of Object.values(CLIP_FILES)) {
      const info = await stat(path.join(dir, name)).catch(() => null);
      if (!info?.isFile()) throw new Error(`the image-embedding model in ${dir} has no ${name}`);
    }
    return new ClipModel(dir, await readClipDescription(dir), Math.max(1, options.threads ?? 1));
  }

  /** `pictures`: each imageSize × imageSize × 3 bytes, RGB, row by row. */
  async embedPictures(pictures: readonly Uint8Array[]): Promise<Float32Array[]> {
    if (pictures.length === 0) return [];
    const size = this.description.imageSize;
    const batch = new Float32Array(pictures.length * 3 * size * size);
    pictures.forEach((rgb, index) => clipPixels(rgb, size, this.description, batch, index * 3 * size * size));
    const session = await (this.vision ??= this.session(CLIP_FILES.vision));
    const output = await session.run({ pixel_values: new ort.Tensor('float32', batch, [pictures.length, 3, size, size]) });
    return this.rows(output.image_embeds, pictures.length);
  }

  async embedTexts(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { session, tokenizer } = await (this.text ??= this.loadText());
    const limit = this.description.contextLength;
    const encoded = texts.map((text) => {
      const ids = tokenizer.encode(text).ids;
      // Too long: keep the start, and the end-of-text mark the tower pools at.
      return ids.length <= limit ? ids : [...ids.slice(0, limit - 1), ids[ids.length - 1] as number];
    });
    const length = Math.max(...encoded.map((ids) => ids.length));
    const end = encoded[0]?.at(-1) ?? 0;
    // Padded with the end mark, as CLIP's tokenizer pads: the causal mask keeps padding out of the pooled token.
    const ids = new BigInt64Array(texts.length * length).fill(BigInt(end));
    const mask = new BigInt64Array(texts.length * length);
    encoded.forEach((row, index) => {
      row.forEach((id, at) => (ids[index * length + at] = BigInt(id)));
      mask.fill(1n, index * length, index * length + row.length);
    });
    const feeds: Record<string, ort.Tensor> = { input_ids: new ort.Tensor('int64', ids, [texts.length, length]) };
    // Some exports also take the attention mask.
    if (session.inputNames.includes('attention_mask')) feeds.attention_mask = new ort.Tensor('int64', mask, [texts.length, length]);
    const output = await session.run(feeds);
    return this.rows(output.text_embeds, texts.length);
  }

  async release(): Promise<void> {
    const vision = this.vision;
    const text = this.text;
    this.vision = null;
    this.text = null;
    await (await vision?.catch(() => null))?.release();
    await (await text?.catch(() => null))?.session.release();
  }

  private session(file: string): Promise<ort.InferenceSession> {
    return ort.InferenceSession.create(path.join(this.dir, file), {
      intraOpNumThreads: this.threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Measured on ViT-B/32's image tower (8 pictures a batch): prepacked weights are a second
      // copy of every matrix (683 MB resident after loading, 479 MB without) for no speed here
      // (1.27-1.50 s a batch with, 1.39-1.41 s without); the arena keeps its peak for good.
      enableCpuMemArena: false,
      enableMemPattern: false,
      extra: { session: { disable_prepacking: '1' } },
    });
  }

  private async loadText(): Promise<{ session: ort.InferenceSession; tokenizer: Tokenizer }> {
    const [tokenizerJson, configJson] = await Promise.all(
      [CLIP_FILES.tokenizer, CLIP_FILES.tokenizerConfig].map((name) => readFile(path.join(this.dir, name), 'utf8')),
    );
    const tokenizer = new Tokenizer(JSON.parse(tokenizerJson as string), JSON.parse(configJson as string));
    return { session: await this.session(CLIP_FILES.text), tokenizer };
  }

  /** Splits a [count, dimensions] output into unit-length rows. */
  private rows(output: ort.Tensor | undefined, count: number): Float32Array[] {
    const dimensions = this.description.dimensions;
    if (!output || output.dims.length !== 2 || output.dims[0] !== count || output.dims[1] !== dimensions)
      throw new Error(`the image-embedding model answered dims [${output?.dims.join(', ')}], expected [${count}, ${dimensions}]`);
    const data = output.data as Float32Array;
    return Array.from({ length: count }, (_, row) => unitLength(data.slice(row * dimensions, (row + 1) * dimensions)));
  }
}

function unitLength(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}
