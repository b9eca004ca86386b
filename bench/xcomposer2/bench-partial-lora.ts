/**
 * npm run bench:partial-lora -- CONVERTED_DIR PICTURE [--rounds N] [--threads N]
 *
 * What Partial LoRA costs at run time: a converted XComposer2 folder loaded twice in the
 * llama-server engine, with its adapter (applied to picture tokens only) and without it, asked
 * the same things in interleaved rounds. Prints, per setup, the median time to answer about one
 * picture, the prompt and decode speed with the picture, and the same for a text-only prompt
 * (where the adapter must cost nothing). Make the folder with `folio convert` (a random
 * checkpoint of the real layer shapes: test/fixtures/xcomposer2/make_checkpoint.py --bench).
 */
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ModelSession } from '../../electron/studio/model/model-session';
import type { CompletionResult } from '../../native-models/engines/engine';
import { MANIFEST_NAME, type ConvertedManifest } from '../../native-models/convert/converted-manifest';
import { median } from '../engine/stats';

interface Sample {
  totalMs: number;
  promptTokensPerSecond: number;
  decodeTokensPerSecond: number;
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string' }, threads: { type: 'string' } } });
const [converted, picture] = positionals;
if (!converted || !picture) {
  console.error('usage: npm run bench:partial-lora -- CONVERTED_DIR PICTURE [--rounds N] [--threads N]');
  process.exit(2);
}
const rounds = Number(values.rounds ?? 3);
const threads = Number(values.threads ?? Math.max(1, os.availableParallelism() - 1));

const manifest = JSON.parse(await readFile(path.join(converted, MANIFEST_NAME), 'utf8')) as ConvertedManifest;
// The same decoder and projector with no manifest beside them: nothing attaches the adapter.
const bare = await mkdtemp(path.join(os.tmpdir(), 'folio-bench-bare-'));
await copyFile(path.join(converted, manifest.decoder), path.join(bare, 'decoder.gguf'));
await copyFile(path.join(converted, manifest.projector), path.join(bare, 'mmproj.gguf'));
const setups = {
  'with adapter': { decoderPath: converted },
  'without adapter': { decoderPath: path.join(bare, 'decoder.gguf'), projectorPath: path.join(bare, 'mmproj.gguf') },
};

const samples: Record<string, { picture: Sample[]; text: Sample[] }> = {};
for (let round = 0; round < rounds; round++) {
  for (const [name, files] of Object.entries(setups)) {
    const session = await ModelSession.open({ ...files, engine: 'llama-server', contextSize: 4096, threads, backend: 'cpu' });
    const entry = (samples[name] ??= { picture: [], text: [] });
    entry.picture.push(
      await timed(session, [
        { type: 'image', image: { path: picture } },
        { type: 'text', text: 'Describe this picture.' },
      ]),
    );
    entry.text.push(
      await timed(session, [{ type: 'text', text: 'Write one sentence about harbours and the boats that come in at dusk.' }]),
    );
    await session.close();
  }
}

console.log(`Partial LoRA cost, ${manifest.name} (${manifest.type}), ${rounds} rounds, ${threads} threads, medians:`);
for (const [name, entry] of Object.entries(samples)) {
  for (const kind of ['picture', 'text'] as const) {
    const list = entry[kind];
    console.log(
      `  ${name}, ${kind === 'picture' ? 'a picture and a question' : 'text only'}: answer ${(median(list.map((s) => s.totalMs)) / 1000).toFixed(2)} s, prompt ${median(list.map((s) => s.promptTokensPerSecond)).toFixed(1)} tok/s, decode ${median(list.map((s) => s.decodeTokensPerSecond)).toFixed(2)} tok/s`,
    );
  }
}

async function timed(session: ModelSession, prompt: Parameters<ModelSession['engine']['complete']>[0]['prompt']): Promise<Sample> {
  const started = performance.now();
  const result: CompletionResult = await session.engine.complete({ prompt, maxTokens: 16, sampling: { temperature: 0, topK: 1, seed: 0 } });
  const { timings } = result;
  return {
    totalMs: performance.now() - started,
    promptTokensPerSecond: timings.promptMs > 0 ? (timings.promptTokens * 1000) / timings.promptMs : 0,
    decodeTokensPerSecond: timings.decodeMs > 0 ? (timings.decodedTokens * 1000) / timings.decodeMs : 0,
  };
}
