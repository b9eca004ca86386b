/**
 * `folio convert CHECKPOINT_DIR -o OUT_DIR [--type f16|q8_0|q4_k_m|f32]`: an InternLM-XComposer2 checkpoint
 * (as downloaded from Hugging Face) to GGUF files Folio and llama.cpp load. Progress on stderr;
 * Ctrl-C cancels and leaves nothing behind.
 */
import path from 'node:path';
import { convertXComposer2, type ConvertStep } from '../../native-models/convert/convert-xcomposer2';
import { CONVERT_TYPES, type OutputType } from '../../native-models/convert/output-types';
import { UsageError } from '../studio/options/usage-error';
import { parseCommandLine } from '../studio/options/model-options';
import { oneOf } from '../studio/options/parse-options';
import { progressReporter } from './progress-reporter';
import { abortOnInterrupt } from './abort-on-interrupt';

const STEP_NAMES: Record<ConvertStep, string> = {
  decoder: 'language model',
  adapter: 'Partial LoRA adapter',
  projector: 'image reader',
  quantize: 'language model to 4 bits',
};

export async function runConvert(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    output: { type: 'string', short: 'o' },
    type: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      'convert needs one checkpoint folder, e.g. folio convert ~/Downloads/internlm-xcomposer2-vl-7b -o ~/models/xcomposer2-vl',
    );
  if (!values.output) throw new UsageError('convert needs -o OUT_DIR, a new folder for the converted model.');
  const type = oneOf<OutputType>(values.type, '--type', CONVERT_TYPES) ?? 'f16';

  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  const started = Date.now();
  try {
    const { outDir, manifest } = await convertXComposer2({
      checkpointDir: positionals[0] as string,
      outDir: values.output,
      type,
      signal: interrupt.signal,
      // Whole tens in the label: a log gets a line per step and ten percent, a terminal a moving bar.
      onProgress: (step, fraction) => progress.update(`Converting the ${STEP_NAMES[step]}: ${Math.floor(fraction * 10) * 10}%`, fraction),
    });
    progress.done();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `${manifest.name} (${type}, ${manifest.imageSize} px images) -> ${outDir}\n` +
        `  ${manifest.decoder}\n  ${manifest.projector}\n  ${manifest.adapter.file} (Partial LoRA, image tokens only)\n  ${path.basename(outDir)}/folio-model.json\n` +
        `converted in ${seconds} s\n`,
    );
    return 0;
  } finally {
    progress.done();
    interrupt.release();
  }
}
