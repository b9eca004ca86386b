/**
 * Writes a generated CLIP model folder (random weights): the tests' and the demo's tiny one,
 * and the benchmark's ViT-B/32-sized one. Deterministic: the same seed gives the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeOnnx } from '../onnx/onnx-writer';
import { tinyClip, type ClipArchitecture } from './clip-architecture';
import { CLIP_FILES, CLIP_IMAGE_MEAN, CLIP_IMAGE_STD, type ClipModelDescription } from './clip-model-files';
import { clipTextModel, clipVisionModel } from './clip-onnx-graph';
import { tinyClipTokenizer } from './tiny-clip-tokenizer';

export interface GeneratedClip {
  id: string;
  /** @default the tiny architecture */
  architecture?: ClipArchitecture;
  seed?: number;
}

/** Returns the names of the files written, relative to `dir`. */
export async function writeClipModel(dir: string, options: GeneratedClip): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const tokenizer = tinyClipTokenizer();
  const arch = options.architecture ?? tinyClip(tokenizer.vocabSize);
  if (arch.text.vocabSize < tokenizer.vocabSize) throw new Error(`${arch.name}: vocabulary smaller than the tokenizer's`);
  const seed = options.seed ?? 22;
  const description: ClipModelDescription = {
    id: options.id,
    name: arch.name,
    imageSize: arch.imageSize,
    imageMean: CLIP_IMAGE_MEAN,
    imageStd: CLIP_IMAGE_STD,
    dimensions: arch.projection,
    contextLength: arch.text.contextLength,
    matchFloor: null,
  };
  await writeOnnx(path.join(dir, CLIP_FILES.vision), clipVisionModel(arch, seed));
  await writeOnnx(path.join(dir, CLIP_FILES.text), clipTextModel(arch, seed));
  await writeFile(path.join(dir, CLIP_FILES.tokenizer), JSON.stringify(tokenizer.tokenizer));
  await writeFile(path.join(dir, CLIP_FILES.tokenizerConfig), JSON.stringify(tokenizer.config, null, 2));
  await writeFile(path.join(dir, CLIP_FILES.description), `${JSON.stringify(description, null, 2)}\n`);
  return Object.values(CLIP_FILES);
}
