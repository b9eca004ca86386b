/**
 * `folio convert`: an InternLM-XComposer2 checkpoint to three GGUF files (decoder, Partial LoRA
 * adapter, projector) and a manifest. Everything is checked before the first byte is written;
 * the files are written into a side folder, tensor by tensor, and the folder is renamed into
 * place only when all of them are complete, so a failure or a cancel leaves nothing behind.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AbortedError, ModelError } from '../errors';
import { writeGguf, type GgufWriteSpec } from '../gguf/gguf-writer';
import { adapterGguf } from './adapter-gguf';
import { notACheckpoint } from './checkpoint-errors';
import { openCheckpoint } from './checkpoint-folder';
import { MANIFEST_NAME, manifestJson, type ConvertedManifest } from './converted-manifest';
import { decoderGguf } from './decoder-gguf';
import { decoderVocabulary } from './decoder-vocabulary';
import type { ConvertType, OutputType } from './output-types';
import { findQuantizer, quantizeDecoder } from './quantize-decoder';
import { projectorGguf } from './projector-gguf';
import { readCheckpointFile } from './read-checkpoint-file';
import { parseSentencePieceModel } from './sentencepiece-model';
import type { FillContext } from './source-fill';
import { TensorRows } from './tensor-rows';
import { partialFolderFor, removeStalePartials } from './stale-partials';
import { checkXComposer2Tensors } from './xcomposer2-tensors';

export interface ConvertOptions {
  checkpointDir: string;
  outDir: string;
  /** @default 'f16' */
  type?: OutputType;
  signal?: AbortSignal;
  /** Which file is being written and the overall fraction done (0..1). */
  onProgress?: (step: ConvertStep, fraction: number) => void;
}

/** InternLM2's tokenizer.model is 1.5 MB; SentencePiece models of any vocabulary stay far below this. */
const MAX_TOKENIZER_BYTES = 64 * 1024 * 1024;

export type ConvertStep = 'decoder' | 'adapter' | 'projector' | 'quantize';

export interface ConvertResult {
  outDir: string;
  manifest: ConvertedManifest;
}

export async function convertXComposer2(options: ConvertOptions): Promise<ConvertResult> {
  const type = options.type ?? 'f16';
  // q4_k_m: written as f16 here, then made smaller by llama.cpp's own quantizer.
  const written: ConvertType = type === 'q4_k_m' ? 'f16' : type;
  const outDir = path.resolve(options.outDir);
  await refuseExistingOutput(outDir);
  await removeStalePartials(path.dirname(outDir));
  const quantizer = type === 'q4_k_m' ? await findQuantizer() : null;
  const checkpoint = await openCheckpoint(path.resolve(options.checkpointDir));
  const { vision, loraRank } = checkXComposer2Tensors(checkpoint);
  const c = checkpoint.config;
  const tokenizerBytes = await readCheckpointFile(checkpoint.tokenizerFile, MAX_TOKENIZER_BYTES);
  if (!tokenizerBytes) throw notACheckpoint(`${checkpoint.dir} has no tokenizer.model; copy the whole checkpoint folder.`);
  const tokenizer = parseSentencePieceModel(tokenizerBytes, checkpoint.tokenizerFile);
  const vocabulary = decoderVocabulary(tokenizer, c.vocabSize, c.bosTokenId, c.padTokenId);
  const imageSize = c.imageSize ?? vision.storedGrid * vision.patchSize;
  if (imageSize % vision.patchSize !== 0)
    throw notACheckpoint(`config.json's img_size ${imageSize} is not a whole number of ${vision.patchSize}-pixel patches.`);

  const name = baseName(checkpoint.dir);
  const small = written === 'f32' ? 'f32' : 'f16'; // adapter and projector: never quantized
  const files = { decoder: `${name}-${type}.gguf`, adapter: `${name}-plora-${small}.gguf`, projector: `${name}-mmproj-${small}.gguf` };
  const decoderWritten = quantizer ? `${name}-f16-unquantized.gguf` : files.decoder;
  const rows = new TensorRows();
  let step: ConvertStep = 'decoder';
  let done = 0;
  let total = 0;
  let reported = -1;
  const context: FillContext = {
    rows,
    progress: (values) => {
      if (options.signal?.aborted) throw new AbortedError('Conversion cancelled; nothing was written.');
      done += values;
      const fraction = total ? done / total : 0;
      if (fraction - reported >= 0.005 || fraction === 1) {
        reported = fraction;
        options.onProgress?.(step, fraction);
      }
    },
  };
  const specs: Array<[ConvertStep, string, GgufWriteSpec]> = [
    ['decoder', decoderWritten, decoderGguf(checkpoint, vocabulary, written, name, context)],
    ['adapter', files.adapter, adapterGguf(checkpoint, loraRank, name, written, context)],
    ['projector', files.projector, projectorGguf(checkpoint, vision, imageSize, name, written, context)],
  ];
  total = specs.reduce((n, [, , spec]) => n + spec.tensors.reduce((m, t) => m + t.dims.reduce((a, b) => a * b, 1), 0), 0);

  const partial = partialFolderFor(outDir);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    for (const [current, file, spec] of specs) {
      step = current;
      await writeGguf(path.join(partial, file), spec);
    }
    if (quantizer) {
      await quantizeDecoder(quantizer, path.join(partial, decoderWritten), path.join(partial, files.decoder), {
        signal: options.signal,
        onProgress: (fraction) => options.onProgress?.('quantize', fraction),
      });
      await rm(path.join(partial, decoderWritten));
    }
    const grid = imageSize / vision.patchSize;
    const manifest: ConvertedManifest = {
      format: 'folio-converted-model',
      version: 1,
      name,
      family: 'internlm-xcomposer2',
      decoder: files.decoder,
      projector: files.projector,
      adapter: { file: files.adapter, appliesTo: 'image-tokens', scale: 1 },
      imageSize,
      imageTokens: grid * grid,
      type,
      source: {
        checkpoint: checkpoint.dir,
        weightFiles: checkpoint.weightFiles.map((f) => path.basename(f)),
        weightBytes: checkpoint.weightBytes,
      },
    };
    await writeFile(path.join(partial, MANIFEST_NAME), manifestJson(manifest));
    if (options.signal?.aborted) throw new AbortedError('Conversion cancelled; nothing was written.');
    await rm(outDir, { recursive: true, force: true }); // an empty folder the writer made for us
    await rename(partial, outDir);
    return { outDir, manifest };
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  } finally {
    rows.close();
  }
}

async function refuseExistingOutput(outDir: string): Promise<void> {
  if (!existsSync(outDir)) return;
  const entries = await readdir(outDir).catch(() => null);
  if (entries === null || entries.length > 0) {
    throw new ModelError('invalid-request', `${outDir} already exists and is not empty; choose a new folder for the converted model.`);
  }
}

/** The checkpoint folder's name, safe as a file name: internlm-xcomposer2-vl-7b. */
function baseName(dir: string): string {
  const name = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return name || 'internlm-xcomposer2';
}
