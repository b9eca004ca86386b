/**
 * `folio models list | pull ID | verify PATH`: the catalog with a fit verdict for this
 * computer, downloads into the models folder (Ctrl-C pauses; running it again resumes), and
 * the model layer's checks on any file.
 */
import path from 'node:path';
import { localModels } from './local-models';
import { defaultDataDir } from '../studio/service/default-data-dir';
import { expectedBytes, type CatalogEntry, type EmbeddingModelEntry, type ModelCatalog } from '../../native-models/catalog/catalog-entry';
import { CatalogError, findCatalogEntry, loadCatalog } from '../../native-models/catalog/load-catalog';
import { checkLocalModel } from '../../native-models/catalog/local-model';
import { readMachineResources } from '../../native-models/catalog/machine-resources';
import { defaultModelsDir } from '../../native-models/catalog/models-folder';
import { recommendModel } from '../../native-models/catalog/recommend-model';
import { downloadCatalogEntry, type EntryProgress } from '../../native-models/download/download-catalog-entry';
import { DownloadError } from '../../native-models/download/download-error';
import { entryDownloadState } from '../../native-models/download/entry-download-state';
import { downloadEmbeddingModel } from '../../native-models/download/download-embedding-model';
import { isComplete } from '../studio/library/find-embedding-model';
import { fromErrorPayload } from '../../native-models/errors';
import { formatBytes } from '../../native-models/format/format-bytes';
import { formatDuration } from '../../native-models/format/format-duration';
import { UsageError } from '../studio/options/usage-error';
import { integerOption } from '../studio/options/parse-options';
import { parseCommandLine } from '../studio/options/model-options';
import { progressReporter } from './progress-reporter';
import { abortOnInterrupt } from './abort-on-interrupt';
import { engineLine } from './engine-line';
import { chooseThreads } from '../../native-models/engines/choose-threads';

export async function runModels(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  const { values, positionals } = parseCli(rest);
  try {
    switch (subcommand) {
      case 'list':
        return await listModels(values, positionals);
      case 'pull':
        return await pullModel(values, positionals);
      case 'verify':
        return await verifyModel(values, positionals);
      default:
        throw new UsageError(
          subcommand
            ? `unknown models command "${subcommand}": use list, pull or verify.`
            : 'models needs a command: list, pull ID or verify PATH.',
        );
    }
  } catch (error) {
    if (error instanceof CatalogError) throw new UsageError(error.message);
    if (!(error instanceof DownloadError)) throw error;
    process.stderr.write(`folio: ${error.message}\n`);
    if (values.verbose && error.detail) process.stderr.write(`${error.detail}\n`);
    return error.code === 'paused' || error.code === 'cancelled' ? 130 : 1;
  }
}

type Values = ReturnType<typeof parseCli>['values'];

async function listModels(values: Values, positionals: string[]): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`models list takes no arguments; got "${positionals[0]}".`);
  const { catalog, modelsDir } = await where(values);
  const contextSize = integerOption(values.context, '--context', { min: 256 });
  const machine = await readMachineResources({ modelsDir });
  const states = new Map(
    await Promise.all(catalog.entries.map(async (entry) => [entry.id, await entryDownloadState(modelsDir, entry)] as const)),
  );
  const downloadedIds = new Set([...states].filter(([, state]) => state.state === 'downloaded').map(([id]) => id));
  const { recommended, entries } = recommendModel(catalog.entries, machine, { downloadedIds, ...(contextSize ? { contextSize } : {}) });
  const local = await localModels(modelsDir, defaultDataDir());

  if (values.json) {
    const rows = entries.map(({ entry, fits, reason, runsOn, estimate }) => ({
      id: entry.id,
      name: entry.name,
      downloadBytes: downloadSize(entry),
      memoryBytes: estimate.totalBytes,
      fits,
      ...(reason ? { reason } : {}),
      runsOn,
      recommended: entry.id === recommended?.entry.id,
      download: states.get(entry.id)?.state,
      verified: entry.verified,
    }));
    process.stdout.write(`${JSON.stringify({ modelsDir, machine, entries: rows, ...local }, null, 2)}\n`);
    return 0;
  }
  const gpu =
    machine.vramFreeBytes === undefined ? 'no graphics card memory read' : `graphics card: ${formatBytes(machine.vramFreeBytes)} free`;
  process.stdout.write(
    `Models for this computer (memory: ${formatBytes(machine.freeRamBytes)} free of ${formatBytes(machine.totalRamBytes)}; ${gpu})\n`,
  );
  process.stdout.write(`Models folder: ${modelsDir}\n\n`);
  const width = Math.max(...entries.map(({ entry }) => entry.id.length));
  for (const { entry, fits, reason, estimate } of entries) {
    const mark = entry.id === recommended?.entry.id ? '*' : ' ';
    const state = states.get(entry.id);
    const onDisk =
      state?.state === 'downloaded' ? 'downloaded' : state?.state === 'partial' ? `paused (${formatBytes(state.partialBytes)} kept)` : '';
    const verdict = fits ? `fits (about ${formatBytes(estimate.totalBytes)} of memory)` : `does not fit: ${reason}`;
    process.stdout.write(
      `${mark} ${entry.id.padEnd(width)}  ${formatBytes(downloadSize(entry)).padStart(7)}  ${verdict}${onDisk ? `  [${onDisk}]` : ''}\n`,
    );
    process.stdout.write(`  ${' '.repeat(width)}  ${entry.name}: ${entry.goodAt}${entry.verified ? '' : ' (unverified entry)'}\n`);
  }
  process.stdout.write(
    recommended
      ? `\nRecommended (*): ${recommended.entry.name}. Download it with: folio models pull ${recommended.entry.id}\n`
      : '\nNone of these fits this computer now. Close other apps, or use a remote server (--server).\n',
  );
  writeLocalModels(local, modelsDir);
  for (const embedding of catalog.embeddingModels ?? []) {
    const size = embedding.files.reduce((sum, file) => sum + (file.bytes ?? file.approxBytes), 0);
    const downloaded = (await isComplete(path.join(modelsDir, embedding.id))) ? '  [downloaded]' : '';
    const fit =
      embedding.approxMemoryBytes <= machine.freeRamBytes
        ? `fits (about ${formatBytes(embedding.approxMemoryBytes)} of memory while indexing)`
        : `does not fit now: about ${formatBytes(embedding.approxMemoryBytes)} of memory while indexing`;
    process.stdout.write(`\nPicture search for the library (no language model needed to index):\n`);
    process.stdout.write(`  ${embedding.id.padEnd(width)}  ${formatBytes(size).padStart(7)}  ${fit}${downloaded}\n`);
    process.stdout.write(
      `  ${' '.repeat(width)}  ${embedding.name}: ${embedding.goodAt}${embedding.verified ? '' : ' (unverified entry)'}\n`,
    );
  }
  if (catalog.entries.some((entry) => !entry.verified)) {
    process.stdout.write(
      'Unverified entries: their addresses and sizes were not confirmed; a download is still checked as a model before it is used.\n',
    );
  }
  return 0;
}

async function pullModel(values: Values, positionals: string[]): Promise<number> {
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0)
    throw new UsageError('models pull needs one model id, e.g. folio models pull gemma-3-4b-it-q4_k_m (see folio models list).');
  const { catalog, modelsDir } = await where(values);
  const embedding = catalog.embeddingModels?.find((candidate) => candidate.id === id);
  if (embedding) return pullEmbeddingModel(embedding, modelsDir);
  const entry = findCatalogEntry(catalog, id);
  if (!entry) throw new UsageError(`no model "${id}" in the catalog. Run "folio models list" to see the ids.`);

  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  let lastStep = -1;
  const interactive = Boolean(process.stderr.isTTY);
  try {
    const result = await downloadCatalogEntry(entry, {
      modelsDir,
      signal: interrupt.signal,
      onProgress: (event) => {
        const fraction = event.totalBytes > 0 ? event.receivedBytes / event.totalBytes : 0;
        // Logs get a line per tenth, not one per update.
        const step = Math.floor(fraction * 10);
        if (!interactive && step === lastStep) return;
        lastStep = step;
        progress.update(progressLabel(entry, event), fraction);
      },
    });
    progress.done();
    const verb = result.alreadyPresent ? 'Already downloaded' : 'Downloaded';
    process.stdout.write(`${verb}: ${entry.name}\n  model:        ${result.decoder}\n  image reader: ${result.projector}\n`);
    process.stdout.write(`Try it: folio ask --model "${result.decoder}" --mmproj "${result.projector}" "Hello"\n`);
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof DownloadError && error.code === 'paused') {
      const state = await entryDownloadState(modelsDir, entry);
      throw new DownloadError(
        'paused',
        `Paused; ${formatBytes(state.partialBytes)} kept in ${path.dirname(state.decoder)}. Run the same command to continue.`,
        { resumable: true },
      );
    }
    throw error;
  } finally {
    interrupt.release();
  }
}

/** The library's image-embedding model: its files one after another, resumable like the others. */
async function pullEmbeddingModel(entry: EmbeddingModelEntry, modelsDir: string): Promise<number> {
  const progress = progressReporter();
  const interrupt = abortOnInterrupt();
  try {
    const result = await downloadEmbeddingModel(entry, {
      modelsDir,
      signal: interrupt.signal,
      onProgress: (event) =>
        progress.update(
          `${entry.name}: ${formatBytes(event.receivedBytes)} of ${formatBytes(event.totalBytes)} (${event.fileName})`,
          event.receivedBytes / event.totalBytes,
        ),
    });
    progress.done();
    process.stdout.write(`${result.alreadyPresent ? 'Already downloaded' : 'Downloaded'}: ${entry.name}\n  folder: ${result.dir}\n`);
    process.stdout.write("The library now indexes and searches with it: folio index DIR, or the studio's Library.\n");
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof DownloadError && error.code === 'paused')
      throw new DownloadError(
        'paused',
        `Paused; what was fetched is kept in ${path.join(modelsDir, entry.id)}. Run the same command to continue.`,
        {
          resumable: true,
        },
      );
    throw error;
  } finally {
    interrupt.release();
  }
}

async function verifyModel(values: Values, positionals: string[]): Promise<number> {
  const [decoder, ...extra] = positionals;
  if (!decoder || extra.length > 0)
    throw new UsageError('models verify needs one model file, e.g. folio models verify M.gguf --mmproj P.gguf');
  const contextSize = integerOption(values.context, '--context', { min: 256 });
  const check = await checkLocalModel(
    { decoder, ...(values.mmproj ? { projector: values.mmproj } : {}) },
    contextSize ? { contextSize } : {},
  );
  if (!check.ok) throw fromErrorPayload(check.error);
  const { model } = check;
  const lines = [
    `OK: ${model.name} (${model.architecture}, ${model.quantization})`,
    `  model:        ${model.decoder.fileName}, ${model.decoder.size}, up to ${model.decoder.contextLength} tokens of context, ${model.decoder.hasChatTemplate ? 'its own chat template' : 'InternLM2 chat format (no template in the file)'}`,
    model.projector
      ? `  image reader: ${model.projector.fileName}, ${model.projector.size}, ${model.projector.projectorType}, about ${model.projector.tokensPerImage} tokens per image`
      : '  image reader: none (this model cannot look at pictures; add --mmproj FILE)',
    `  memory:       ${model.fit.summary}`,
    `  engine:       ${await engineLine()}`,
    // Planned from how busy the cores are right now, as a load would plan them.
    `  threads:      ${(await chooseThreads()).reason}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (!model.fitsThisComputer) process.stderr.write(`folio: warning: this model is probably too big for this computer now.\n`);
  return 0;
}

/** The demo and the converted models: what to give --model, and where each is. */
function writeLocalModels({ demo, converted }: Awaited<ReturnType<typeof localModels>>, modelsDir: string): void {
  process.stdout.write(`\nAlso on this computer (give --model the name or the folder):\n`);
  const width = Math.max(demo.use.length, ...converted.map((model) => model.name.length));
  const size = (bytes: number) => (bytes > 0 ? formatBytes(bytes) : '').padStart(7);
  const indent = ' '.repeat(width + 13);
  process.stdout.write(`  ${demo.use.padEnd(width)}  ${size(demo.bytes)}  ${demo.name}\n`);
  process.stdout.write(`${indent}in ${demo.where}${demo.written ? '' : ' (written there on first use)'}\n`);
  for (const model of converted) {
    process.stdout.write(`  ${model.name.padEnd(width)}  ${size(model.bytes)}  converted by Folio\n`);
    process.stdout.write(`${indent}--model ${model.use}\n`);
  }
  if (converted.length === 0)
    process.stdout.write(`  (no converted model yet in ${path.join(modelsDir, 'converted')}, where the studio's Convert writes)\n`);
}

async function where(values: Values): Promise<{ catalog: ModelCatalog; modelsDir: string }> {
  const catalog = await loadCatalog(values.catalog);
  return { catalog, modelsDir: values['models-dir'] ? path.resolve(values['models-dir']) : defaultModelsDir() };
}

const downloadSize = (entry: CatalogEntry): number => expectedBytes(entry.decoder) + expectedBytes(entry.projector);

function progressLabel(entry: CatalogEntry, event: EntryProgress): string {
  const percent = event.totalBytes > 0 ? Math.floor((event.receivedBytes / event.totalBytes) * 100) : 0;
  const speed = event.bytesPerSecond > 0 ? `, ${formatBytes(event.bytesPerSecond)}/s` : '';
  const left = event.secondsLeft === undefined ? '' : `, ${formatDuration(event.secondsLeft)} left`;
  return `Downloading ${entry.id}: ${percent}% (${formatBytes(event.receivedBytes)} of ${formatBytes(event.totalBytes)}${speed}${left})`;
}

function parseCli(argv: string[]) {
  return parseCommandLine(argv, {
    'models-dir': { type: 'string' },
    catalog: { type: 'string' },
    context: { type: 'string' },
    mmproj: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
  });
}
