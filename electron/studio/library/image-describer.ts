import type { PreparedImage } from './prepare-image';

/**
 * What the background captioner needs from the vision-language model: a caption for a picture.
 * The studio implements it over the loaded model (model-describer.ts); tests use a fake.
 */
export interface ImageDescriber {
  caption(image: PreparedImage, signal?: AbortSignal): Promise<string>;
}
