/**
 * npm run bench:engine [-- --model M.gguf --mmproj P.gguf --runs 3 --gen-tokens 32 --threads N]
 *
 * On one model, in one run, interleaved and repeated: prompt tokens/s, decode tokens/s, time to
 * first token, image-encode ms and peak RSS for (a) @fugood/llama.node called directly, (b) the
 * same binding through the model host and Engine, (c) node-llama-cpp called directly (text),
 * (d) the llama-server engine through the model host, and llama.cpp's own llama-bench and
 * llama-mtmd-cli from the same build as the reference. Prints medians, the ratios, and each
 * decode speed as a fraction of what this machine's memory bandwidth allows.
 * `--variants a,b,c,d` picks the variants (d and the reference need npm run build:llama-server).
 * `--load N` runs N busy processes (one core each) from before the models load to the end, as a
 * writer's browser would be; the first answer after each variant starts is printed on its own.
 * Threads: the engines plan their own (thread-plan.ts, from the cores the load leaves free); the
 * direct variants and llama.cpp's tools get the same plan, made by the benchmark as they start.
 * `--threads N` gives every variant N.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ModelHostClient } from '../../native-models/host/model-host-client';
import { readGgufHeader } from '../../native-models/gguf/gguf-reader';
import { validateModelPair } from '../../native-models/gguf/validate-model';
import { decodeTokensPerSecond, imageEncodeLogReader, promptTokensPerSecond, startTokenClock, type RunMeasure } from './bench-measure';
import type { DirectBinding, WorkerReply, WorkerRequest } from './direct-worker';
import { measureReadBandwidth } from './memory-bandwidth';
import { median } from './stats';
import { runLlamaBench, runMtmdImageEncode } from './reference-tools';
import { findLlamaServerBinary } from '../../native-models/engines/llama-server/compile/llama-server-binary';
import { startCompetingLoad } from './competing-load';
import type { EngineKind } from '../../native-models/engines/engine';
import { encodePng } from '../../native-models/images/encode-png';
import { chooseThreads } from '../../native-models/engines/choose-threads';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.resolve(here, '../../test/fixtures/generated');

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: path.join(FIXTURES, 'realistic-internlm2-1_8b-q8_0.gguf') },
    mmproj: { type: 'string', default: path.join(FIXTURES, 'bench-small-mmproj.gguf') },
    'image-size': { type: 'string', default: '224' },
    runs: { type: 'string', default: '3' },
    'prompt-words': { type: 'string', default: '96' },
    'gen-tokens': { type: 'string', default: '32' },
    // Default: each engine's own thread plan.
    threads: { type: 'string' },
    context: { type: 'string', default: '2048' },
    variants: { type: 'string', default: 'a,b,c,d' },
    // Busy processes (one core each) running through the measured rounds: speed under contention.
    load: { type: 'string', default: '0' },
  },
});
const wanted = new Set(values.variants.split(','));

const runs = Math.max(3, Number(values.runs));
const genTokens = Number(values['gen-tokens']);
const askedThreads = values.threads === undefined ? undefined : Number(values.threads);
const contextSize = Number(values.context);

if (!existsSync(values.model)) {
  console.error(`bench:engine: ${values.model} does not exist. Generate the realistic-shape models first: npm run fixtures -- --realistic`);
  process.exit(2);
}
const projector = values.mmproj && existsSync(values.mmproj) ? values.mmproj : undefined;
const { decoder } = await validateModelPair({ decoder: values.model, projector });
const bytesPerToken = await weightBytesReadPerToken(values.model);

const imageDir = mkdtempSync(path.join(os.tmpdir(), 'folio-bench-'));
const imagePath = path.join(imageDir, 'bench.png');
const side = Number(values['image-size']);
writeFileSync(
  imagePath,
  encodePng(side, side, (x, y) => [(x * 3) & 255, (y * 5) & 255, ((x ^ y) * 7) & 255]),
);

console.log(
  `model     ${path.basename(values.model)} (${decoder.quantization}, ${(decoder.weightsBytes / 2 ** 30).toFixed(2)} GiB, ${decoder.blockCount} blocks, n_embd ${decoder.embeddingLength})`,
);
console.log(`projector ${projector ? path.basename(projector) : '(none: image encoding not measured)'}; image ${side}x${side}`);
const load = startCompetingLoad(Number(values.load));
if (load.processes > 0) {
  console.log(`competing load: ${load.processes} busy process(es) at normal priority from before the models load`);
  // Let the busy processes show in the thread plan's sample.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
const threadPlan = await chooseThreads(askedThreads);
const threads = threadPlan.threads;
console.log(
  `threads ${threadPlan.reason}; context ${contextSize}, ${runs} interleaved runs, ${genTokens} generated tokens, CPU only, competing load ${values.load}`,
);

const bandwidth = await measureReadBandwidth(threads);
const bound = bandwidth / bytesPerToken;
console.log(
  `memory bandwidth ${(bandwidth / 1e9).toFixed(1)} GB/s (read + write traffic of ${threads} threads copying) -> decode bound ${bound.toFixed(1)} tok/s (${(bytesPerToken / 2 ** 30).toFixed(2)} GiB read per token)\n`,
);

interface Variant {
  name: string;
  label: string;
  vision: boolean;
  run(prompt: string, image: string | undefined, seed: number, tokens?: number): Promise<RunMeasure>;
  peakRss(): Promise<number>;
  close(): Promise<void>;
}

const llamaCpp = await findLlamaServerBinary();
if (wanted.has('d') && !llamaCpp) console.log('(d) skipped: llama-server is not built (npm run build:llama-server)\n');
const variants: Variant[] = [];
if (wanted.has('a')) variants.push(await directVariant('a', 'llama.node direct', 'llama-node', projector));
if (wanted.has('b')) variants.push(await hostVariant('b', 'llama.node via host', 'llama-node', projector));
if (wanted.has('c')) variants.push(await directVariant('c', 'node-llama-cpp direct', 'node-llama-cpp'));
if (wanted.has('d') && llamaCpp) variants.push(await hostVariant('d', 'llama-server via host', 'llama-server', projector));
const reference: { bench: Array<{ prompt: number; decode: number }>; encode: number[]; imageAdded: number[] } = {
  bench: [],
  encode: [],
  imageAdded: [],
};

interface ImageMeasure {
  /** Wall time the image adds before the first token: encoding it and evaluating its tokens. */
  addedMs: number;
  tokens: number;
  /** llama.cpp's own encode-only log, where the engine prints it. */
  encodeMs: number | null;
}
const results = new Map<string, { text: RunMeasure[]; image: ImageMeasure[] }>(
  variants.map((variant) => [variant.name, { text: [], image: [] }]),
);
const promptText = (tag: string): string =>
  `${tag}: ${'the studio writes an illustrated article about a quiet harbour town at dawn and '.repeat(Math.ceil(Number(values['prompt-words']) / 14))}`;

// The first answer after a start pays for page faults and graph allocation: reported on its own.
const firstAnswers = new Map<string, RunMeasure>();
for (const variant of variants) firstAnswers.set(variant.name, await variant.run(promptText('first ' + variant.name), undefined, 1));

for (let round = 0; round < runs; round++) {
  // Rotate who goes first so no variant always runs on a warmer (or hotter) machine.
  const order = variants.map((_, index) => variants[(index + round) % variants.length] as Variant);
  for (const variant of order) {
    const record = results.get(variant.name) as { text: RunMeasure[]; image: ImageMeasure[] };
    // A different first word each run: no variant may reuse a cached prompt.
    record.text.push(await variant.run(promptText(`Run ${round} ${variant.name}`), undefined, 100 + round));
    if (projector && variant.vision) {
      const plain = await variant.run(`Plain ${round} ${variant.name}: describe it.`, undefined, 200 + round, 1);
      const pictured = await variant.run(`Picture ${round} ${variant.name}: <image> describe it.`, imagePath, 200 + round, 1);
      record.image.push({
        addedMs: pictured.ttftMs - plain.ttftMs,
        tokens: pictured.promptTokens - plain.promptTokens,
        encodeMs: pictured.imageEncodeMs,
      });
    }
  }
  if (llamaCpp?.bench) {
    const promptTokens = Math.round(median(results.get(variants[0]?.name ?? '')?.text.map((run) => run.promptTokens) ?? [])) || 128;
    const measured = await runLlamaBench(llamaCpp.bench, values.model, { promptTokens, genTokens, threads });
    reference.bench.push({ prompt: measured.promptTokensPerSecond, decode: measured.decodeTokensPerSecond });
  }
  if (llamaCpp?.mtmdCli && projector && llamaCpp.bench) {
    // llama.cpp's own cost of an image: mtmd-cli's encode time plus evaluating its tokens at llama-bench's prompt speed.
    const encodeMs = await runMtmdImageEncode(llamaCpp.mtmdCli, values.model, projector, imagePath, threads);
    const imageTokens = median([...results.values()].flatMap((record) => record.image.map((image) => image.tokens)));
    const promptSpeed = reference.bench.at(-1)?.prompt ?? Number.NaN;
    reference.encode.push(encodeMs);
    reference.imageAdded.push(encodeMs + (imageTokens * 1000) / promptSpeed);
  }
  process.stderr.write(`round ${round + 1}/${runs} done\n`);
}
load.stop();

interface Row {
  variant: string;
  'prompt tok/s': number;
  'decode tok/s': number;
  'TTFT ms': number;
  'image encode ms': number;
  'image adds ms': number;
  'image tokens': number;
  'peak RSS MiB': number;
  'decode / bound': number;
  'prompt tokens': number;
}
const rows: Row[] = [];
for (const variant of variants) {
  const record = results.get(variant.name) as { text: RunMeasure[]; image: ImageMeasure[] };
  const decode = median(record.text.map(decodeTokensPerSecond));
  rows.push({
    variant: `(${variant.name}) ${variant.label}`,
    'prompt tok/s': median(record.text.map(promptTokensPerSecond)),
    'decode tok/s': decode,
    'TTFT ms': median(record.text.map((run) => run.ttftMs)),
    'image encode ms': median(record.image.map((image) => image.encodeMs ?? Number.NaN)),
    'image adds ms': median(record.image.map((image) => image.addedMs)),
    'image tokens': median(record.image.map((image) => image.tokens)),
    'peak RSS MiB': (await variant.peakRss()) / 2 ** 20,
    'decode / bound': decode / bound,
    'prompt tokens': median(record.text.map((run) => run.promptTokens)),
  });
}
for (const variant of variants) await variant.close();
if (reference.bench.length > 0 || reference.encode.length > 0) {
  rows.push({
    variant: `(ref) llama-bench / llama-mtmd-cli ${llamaCpp?.tag ?? ''}`,
    'prompt tok/s': median(reference.bench.map((row) => row.prompt)),
    'decode tok/s': median(reference.bench.map((row) => row.decode)),
    'TTFT ms': Number.NaN,
    'image encode ms': median(reference.encode),
    'image adds ms': median(reference.imageAdded),
    'image tokens': Number.NaN,
    'peak RSS MiB': Number.NaN,
    'decode / bound': median(reference.bench.map((row) => row.decode)) / bound,
    'prompt tokens': Number.NaN,
  });
}

console.log('first answer after the start (prompt tok/s, decode tok/s, TTFT ms), then the medians of the measured rounds:');
for (const variant of variants) {
  const first = firstAnswers.get(variant.name);
  if (first)
    console.log(
      `  (${variant.name}) ${variant.label}: ${round(promptTokensPerSecond(first))}, ${round(decodeTokensPerSecond(first))}, ${round(first.ttftMs)}`,
    );
}
console.table(
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'number' ? round(value) : value]))),
);
const row = (name: string) => rows.find((candidate) => candidate.variant.startsWith(`(${name})`));
const [a, b, c, d, ref] = ['a', 'b', 'c', 'd', 'ref'].map(row);
if (a && b)
  console.log(
    `through-host / direct (b)/(a): decode ${ratio(b['decode tok/s'], a['decode tok/s'])}, time-to-first-token speed ${ratio(a['TTFT ms'], b['TTFT ms'])} (direct TTFT / host TTFT), prompt ${ratio(b['prompt tok/s'], a['prompt tok/s'])}, image encode speed ${ratio(a['image encode ms'], b['image encode ms'])}`,
  );
if (a && c)
  console.log(
    `llama.node / node-llama-cpp (a)/(c): decode ${ratio(a['decode tok/s'], c['decode tok/s'])}, prompt ${ratio(a['prompt tok/s'], c['prompt tok/s'])}`,
  );
if (d && ref)
  console.log(
    `llama-server engine / llama.cpp's own tools (d)/(ref): decode ${ratio(d['decode tok/s'], ref['decode tok/s'])}, prompt ${ratio(d['prompt tok/s'], ref['prompt tok/s'])}, image time ${ratio(d['image adds ms'], ref['image adds ms'])} (1.0 = same; under 1.1 is within 10 %)`,
  );
if (d && a)
  console.log(
    `llama-server engine / llama.node direct (d)/(a): decode ${ratio(d['decode tok/s'], a['decode tok/s'])}, prompt ${ratio(d['prompt tok/s'], a['prompt tok/s'])}, image speed ${ratio(a['image adds ms'], d['image adds ms'])}`,
  );
console.log(
  "image adds ms = time to first token of a short prompt with the image minus without it (encoding + evaluating the image's tokens); for (ref): llama-mtmd-cli's encode time + the image's tokens at llama-bench's prompt speed.",
);
console.log('prompt tok/s = prompt tokens / time to first token; decode tok/s over tokens 2..n; medians of the runs above.');

function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 100) / 100 : Number.NaN;
}

function ratio(top: number, bottom: number): string {
  return Number.isFinite(top / bottom) ? (top / bottom).toFixed(3) : 'n/a';
}

async function weightBytesReadPerToken(modelPath: string): Promise<number> {
  const header = await readGgufHeader(modelPath);
  // Every weight is read once per token, except the embedding table: one row of it.
  return header.tensors.filter((tensor) => tensor.name !== 'token_embd.weight').reduce((sum, tensor) => sum + (tensor.byteSize ?? 0), 0);
}

async function directVariant(name: string, label: string, binding: DirectBinding, mmproj?: string): Promise<Variant> {
  const child = fork(path.join(here, 'direct-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const encodeLog = imageEncodeLogReader();
  for (const stream of [child.stdout, child.stderr])
    if (stream) createInterface({ input: stream }).on('line', (line) => encodeLog.read(line));
  const ask = (request: WorkerRequest) => workerCall(child, request);
  await ask({ kind: 'load', binding, decoder: values.model, projector: mmproj, contextSize, threads });
  return {
    name,
    label,
    vision: Boolean(mmproj),
    async run(prompt, image, seed, tokens = genTokens) {
      const reply = await ask({
        kind: 'run',
        prompt: image ? prompt.replace('<image>', '<__media__>') : prompt,
        image,
        genTokens: tokens,
        seed,
      });
      if (reply.kind !== 'result') throw new Error('unexpected reply');
      await settle();
      return { ...reply.measure, imageEncodeMs: image ? encodeLog.take() : null };
    },
    async peakRss() {
      const reply = await ask({ kind: 'peak-rss' });
      return reply.kind === 'peak-rss' ? reply.bytes : Number.NaN;
    },
    async close() {
      child.kill();
    },
  };
}

async function hostVariant(name: string, label: string, engine: EngineKind, mmproj?: string): Promise<Variant> {
  const encodeLog = imageEncodeLogReader();
  const client = new ModelHostClient({ engine, onLog: (line) => encodeLog.read(line) });
  const info = await client.load({ decoderPath: values.model, projectorPath: mmproj, contextSize, threads: askedThreads, backend: 'cpu' });
  console.log(`(${name}) ${label}: ${info.threadsNote ?? `${info.threads} threads`}`);
  return {
    name,
    label,
    vision: Boolean(mmproj),
    async run(prompt, image, seed, tokens = genTokens) {
      const clock = startTokenClock();
      const at = prompt.indexOf('<image>');
      const parts = image
        ? [
            { type: 'text' as const, text: prompt.slice(0, at) },
            { type: 'image' as const, image: { path: image } },
            { type: 'text' as const, text: prompt.slice(at + '<image>'.length) },
          ]
        : [{ type: 'text' as const, text: prompt }];
      const result = await client.complete(
        { prompt: parts, maxTokens: tokens, sampling: { seed, temperature: 0.8, topK: 40, topP: 0.95 } },
        { onToken: () => clock.tick() },
      );
      await settle();
      return clock.finish(result.timings.promptTokens, image ? encodeLog.take() : null);
    },
    async peakRss() {
      return (await client.status()).peakRssBytes;
    },
    close: () => client.dispose(),
  };
}

function workerCall(child: ChildProcess, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`benchmark worker exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (reply: WorkerReply) => {
      child.off('exit', onExit);
      if (reply.kind === 'error') reject(new Error(reply.message));
      else resolve(reply);
    });
    child.send(request);
  });
}

/** Log lines travel through a pipe and can trail the IPC reply by a moment. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
