import type { PreparedImage } from './prepare-image';

/**
 * What the indexer needs from a model: a caption for a picture and an embedding for a text.
 * The studio implements it over the loaded model (model-describer.ts); tests use a fake.
 */
export interface ImageDescriber {
  /**
   * Which model makes the embeddings. Vectors of different models are never compared: when it
   * changes, the indexer re-embeds the stored captions.
   */
  readonly model: string;
  caption(image: PreparedImage, signal?: AbortSignal): Promise<string>;
  /** A unit-length embedding of `text`. */
  embed(text: string): Promise<number[]>;
}
