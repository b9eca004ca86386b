/**
 * What the model catalog says about a decoder + projector pair. The data lives in
 * model-catalog.json and is checked against `CATALOG_SCHEMA` when loaded.
 */

/** The layer counts and widths the memory estimate needs before the file is on disk. */
interface DecoderShape {
  blockCount: number;
  embeddingLength: number;
  headCount: number;
  headCountKv: number;
  headDim: number;
  feedForwardLength: number;
  vocabSize: number;
}

interface ProjectorShape {
  imageSize: number;
  patchSize: number;
  embeddingLength: number;
  headCount: number;
}

export interface CatalogFile<Shape> {
  /** Where the file is downloaded from (a Hugging Face `resolve` URL in the built-in catalog). */
  url: string;
  /** Readable quantization, e.g. `Q4_K_M`. */
  quantization: string;
  /** Size for the disk and memory estimates before the download starts. */
  approxBytes: number;
  /** Exact size, only where confirmed: a file of another size is refused. */
  bytes?: number;
  /** Lower-case hex sha256, only where confirmed: a file with another checksum is refused. */
  sha256?: string;
  shape: Shape;
}

export interface CatalogEntry {
  /** Stable identifier: the folder name under the models folder and the `folio models pull` argument. */
  id: string;
  name: string;
  family: string;
  /** Preference when several entries fit: higher first. */
  rank: number;
  /** What it is good at, in a writer's words. */
  goodAt: string;
  license: { name: string; url?: string };
  /** The longest context the model was trained for, in tokens. */
  contextLength: number;
  decoder: CatalogFile<DecoderShape>;
  projector: CatalogFile<ProjectorShape>;
  notes: string[];
  /** True only when both files' sizes and checksums were confirmed at their URLs. */
  verified: boolean;
  /** How the entry was (or was not) confirmed. */
  verification: string;
}

export interface ModelCatalog {
  version: 1;
  notes: string[];
  entries: CatalogEntry[];
  /** Models the writer downloads and converts themselves (`folio convert`), never downloaded by Folio. */
  conversions?: ConversionEntry[];
  /** Image-embedding models for the library (picture search without the language model). */
  embeddingModels?: EmbeddingModelEntry[];
}

/** One file of an image-embedding model: saved under the last segment of its URL. */
interface EmbeddingModelFile {
  url: string;
  approxBytes: number;
  bytes?: number;
  sha256?: string;
}

/**
 * An image-embedding model (CLIP family: image and text towers in one space), run by
 * onnxruntime: its ONNX towers and tokenizer, and what Folio writes beside them as
 * clip-model.json (native-models/clip/clip-model-files.ts).
 */
export interface EmbeddingModelEntry {
  id: string;
  name: string;
  goodAt: string;
  license: { name: string; url?: string };
  files: EmbeddingModelFile[];
  /** clip-model.json, less the id (the entry's). */
  description: {
    imageSize: number;
    imageMean: [number, number, number];
    imageStd: [number, number, number];
    dimensions: number;
    contextLength: number;
    matchFloor: number | null;
  };
  /** Memory while indexing (both towers loaded, a batch in flight), for the fit advice. */
  approxMemoryBytes: number;
  /** Published retrieval figures, each with its source. */
  recall: string[];
  notes: string[];
  verified: boolean;
  verification: string;
}

/** A checkpoint Folio cannot download (its licence), only convert from the writer's own download. */
interface ConversionEntry {
  id: string;
  name: string;
  /** The converted model's family (`folio-model.json`), e.g. 'internlm-xcomposer2'. */
  family: string;
  /** The Hugging Face repository of the released checkpoint. */
  checkpoint: string;
  pageUrl: string;
  goodAt: string;
  license: { name: string; url?: string };
  approxCheckpointBytes: number;
  notes: string[];
}

/** The file name a catalog file is saved under: the last segment of its URL's path. */
export function catalogFileName(file: Pick<CatalogFile<unknown>, 'url'>): string {
  const name = decodeURIComponent(new URL(file.url).pathname.split('/').pop() ?? '');
  if (!name || name.includes('\\') || name === '.' || name === '..') throw new Error(`no file name in ${file.url}`);
  return name;
}

/** Bytes to download for one file: exact where known. */
export function expectedBytes(file: Pick<CatalogFile<unknown>, 'bytes' | 'approxBytes'>): number {
  return file.bytes ?? file.approxBytes;
}
