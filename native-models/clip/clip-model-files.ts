/**
 * An image-embedding model on disk: a folder holding the two ONNX towers, the tokenizer as
 * Hugging Face writes it, and clip-model.json (written by Folio when the model is downloaded or
 * generated) with what the files do not say themselves: how pictures are prepared, and the
 * similarity below which a text and a picture do not match.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const CLIP_FILES = {
  vision: 'vision_model.onnx',
  text: 'text_model.onnx',
  tokenizer: 'tokenizer.json',
  tokenizerConfig: 'tokenizer_config.json',
  description: 'clip-model.json',
} as const;

export interface ClipModelDescription {
  /** Stored with every vector: vectors of different models are never compared. */
  id: string;
  name: string;
  /** Pictures are scaled so the shorter side is this, then the centre square is taken. */
  imageSize: number;
  imageMean: [number, number, number];
  imageStd: [number, number, number];
  dimensions: number;
  /** Most tokens the text tower reads (CLIP: 77, start and end marks included). */
  contextLength: number;
  /**
   * Cosine similarity (text to picture) under which a picture is no match for a text, whatever
   * the rest of the library looks like; null where it is not known (random weights).
   */
  matchFloor: number | null;
}

/** OpenAI CLIP's normalisation (CLIPImageProcessor's image_mean and image_std). */
export const CLIP_IMAGE_MEAN: [number, number, number] = [0.48145466, 0.4578275, 0.40821073];
export const CLIP_IMAGE_STD: [number, number, number] = [0.26862954, 0.26130258, 0.27577711];

export async function readClipDescription(dir: string): Promise<ClipModelDescription> {
  const text = await readFile(path.join(dir, CLIP_FILES.description), 'utf8');
  const parsed = JSON.parse(text) as Partial<ClipModelDescription>;
  const numbers = (value: unknown, length: number) =>
    Array.isArray(value) && value.length === length && value.every((n) => typeof n === 'number');
  if (
    typeof parsed.id !== 'string' ||
    typeof parsed.name !== 'string' ||
    !Number.isInteger(parsed.imageSize) ||
    !Number.isInteger(parsed.dimensions) ||
    !Number.isInteger(parsed.contextLength) ||
    !numbers(parsed.imageMean, 3) ||
    !numbers(parsed.imageStd, 3) ||
    !(parsed.matchFloor === null || typeof parsed.matchFloor === 'number')
  )
    throw new Error(`${CLIP_FILES.description} is incomplete`);
  return parsed as ClipModelDescription;
}
