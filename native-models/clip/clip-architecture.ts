/**
 * The shape of a CLIP model (image and text transformer towers projected into one space), as
 * Hugging Face's CLIPVisionModelWithProjection and CLIPTextModelWithProjection compute it.
 * The catalog's image-embedding model is OpenAI's CLIP ViT-B/32 (clip-vit-base-patch32's
 * config.json); the tests and the demo use a tiny one with the same operators.
 */
export interface ClipTower {
  width: number;
  layers: number;
  heads: number;
  feedForward: number;
}

export interface ClipArchitecture {
  name: string;
  imageSize: number;
  patchSize: number;
  vision: ClipTower;
  text: ClipTower & { vocabSize: number; contextLength: number };
  /** Dimensions of the shared space (image_embeds and text_embeds). */
  projection: number;
  layerNormEpsilon: number;
}

export const CLIP_VIT_B_32: ClipArchitecture = {
  name: 'CLIP ViT-B/32',
  imageSize: 224,
  patchSize: 32,
  vision: { width: 768, layers: 12, heads: 12, feedForward: 3072 },
  text: { width: 512, layers: 12, heads: 8, feedForward: 2048, vocabSize: 49408, contextLength: 77 },
  projection: 512,
  layerNormEpsilon: 1e-5,
};

/** Loads in milliseconds; the same graph as ViT-B/32 with every size cut down. */
export function tinyClip(vocabSize: number): ClipArchitecture {
  return {
    name: 'tiny CLIP (random weights, for tests)',
    imageSize: 224,
    patchSize: 32,
    vision: { width: 32, layers: 2, heads: 2, feedForward: 64 },
    text: { width: 32, layers: 2, heads: 2, feedForward: 64, vocabSize, contextLength: 77 },
    projection: 16,
    layerNormEpsilon: 1e-5,
  };
}
