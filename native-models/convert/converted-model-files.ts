/**
 * Finds what `folio convert` wrote beside a decoder: a converted XComposer2 loads like any other
 * model (its decoder and projector), and its Partial LoRA adapter comes along without being asked,
 * because running the model without it would not be the model the paper describes.
 */
import { stat } from 'node:fs/promises';
import { readOutsideFile } from '../files/read-outside-file';
import path from 'node:path';
import { ModelError } from '../errors';
import { MANIFEST_NAME, type ConvertedManifest } from './converted-manifest';

/** The manifest names three files: a few hundred bytes. */
const MAX_MANIFEST_BYTES = 1024 * 1024;

export interface ModelFiles {
  decoderPath: string;
  projectorPath?: string;
  /** A LoRA adapter applied to image tokens only (Partial LoRA). */
  imageAdapterPath?: string;
  /** The converted model's family, e.g. 'internlm-xcomposer2' (chooses its prompts). */
  family?: string;
}

/**
 * `decoderPath` may be the decoder GGUF, the converted folder or its manifest. A decoder with a
 * manifest beside it that names it gets the manifest's adapter (and its projector, when none was
 * given). Anything else is returned as it came.
 */
export async function resolveModelFiles(files: ModelFiles): Promise<ModelFiles> {
  const given = files.decoderPath;
  const isFolder = await stat(given).then(
    (info) => info.isDirectory(),
    () => false,
  );
  const manifestPath = isFolder
    ? path.join(given, MANIFEST_NAME)
    : path.basename(given) === MANIFEST_NAME
      ? given
      : path.join(path.dirname(given), MANIFEST_NAME);
  const manifest = await readManifest(manifestPath, isFolder || manifestPath === given);
  if (!manifest) return files;
  const dir = path.dirname(manifestPath);
  const decoderPath = path.join(dir, manifest.decoder);
  if (!isFolder && manifestPath !== given && path.resolve(decoderPath) !== path.resolve(given)) return files;
  return {
    decoderPath,
    projectorPath: files.projectorPath ?? path.join(dir, manifest.projector),
    imageAdapterPath: path.join(dir, manifest.adapter.file),
    family: manifest.family,
  };
}

async function readManifest(file: string, required: boolean): Promise<ConvertedManifest | null> {
  // Through the one reader of outside files: the folder is the writer's choice, and a FIFO or a
  // link to /proc in the manifest's place must not hang the model's loading.
  const read = await readOutsideFile(file, MAX_MANIFEST_BYTES);
  if (!('bytes' in read)) {
    if (!required) return null;
    throw new ModelError(
      'file-missing',
      `This folder holds no converted model (${MANIFEST_NAME} is missing). Choose the model's GGUF file, or convert the checkpoint with "folio convert".`,
      file,
    );
  }
  const manifest = parseManifest(read.bytes.toString('utf8'));
  if (!manifest)
    throw new ModelError('file-corrupt', `The converted model's description is damaged: ${file}. Convert the checkpoint again.`, file);
  return manifest;
}

function parseManifest(text: string): ConvertedManifest | null {
  try {
    const value = JSON.parse(text) as Partial<ConvertedManifest> | null;
    const plainName = (name: unknown): name is string => typeof name === 'string' && name.length > 0 && path.basename(name) === name;
    if (
      value?.format !== 'folio-converted-model' ||
      !plainName(value.decoder) ||
      !plainName(value.projector) ||
      !plainName(value.adapter?.file)
    )
      return null;
    if (value.adapter.appliesTo !== 'image-tokens') return null;
    return value as ConvertedManifest;
  } catch {
    return null;
  }
}
