/**
 * The fuzz's worker (hostile-paths-fuzz.test.ts): a seeded run of hostile paths through every
 * reader of outside files, in its own process so that a reader that blocks (a synchronous one
 * included) is seen by the parent's watchdog instead of freezing the test. One JSON line per
 * case started and per case settled, with the process's memory.
 *
 * node --import tsx hostile-paths-fuzz-child.ts SEED WORK_DIR MAX_CASES MAX_MS
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decodePicture } from '../../../electron/studio/library/decode-picture';
import { looksLikeImage } from '../../../electron/studio/library/looks-like-image';
import { importArticleFile } from '../../../electron/studio/documents/import-article';
import { readEvalResults } from '../../../electron/studio/eval/eval-results';
import { scanBenchmark } from '../../../electron/studio/eval/scan-benchmark';
import { readCheckpointFile, openWeightFile } from '../../../native-models/convert/read-checkpoint-file';
import { readSafetensors } from '../../../native-models/convert/safetensors-reader';
import { resolveModelFiles } from '../../../native-models/convert/converted-model-files';
import { loadCatalog } from '../../../native-models/catalog/load-catalog';
import { imageInputBytes } from '../../../native-models/engines/image-input-bytes';
import { readOutsideFile } from '../../../native-models/files/read-outside-file';
import { readOutsideFileSync } from '../../../native-models/files/read-outside-file-sync';
import { readGgufHeader } from '../../../native-models/gguf/gguf-reader';
import { seededRandom, type Random } from '../../helpers/seeded-random';
import { testPicture } from '../../fixtures/png';

const [seedText, workDir, maxCasesText, maxMsText] = process.argv.slice(2);
const work = workDir as string;
const seed = Number(seedText);
const random = seededRandom(seed);
const linux = process.platform === 'linux';

/**
 * Every reader of outside files, by the entry it is reached through; each says whether it handed
 * back content read from the path (a refusal is a thrown error or false).
 */
const READERS: Record<string, (file: string) => Promise<boolean>> = {
  readOutsideFile: async (file) => 'bytes' in (await readOutsideFile(file, 1 << 20)),
  readOutsideFileSync: async (file) => 'bytes' in readOutsideFileSync(file, 1 << 20),
  decodePicture: async (file) => (await decodePicture({ path: file })).pixels.length > 0,
  looksLikeImage: (file) => looksLikeImage(file),
  imageInputBytes: async (file) => (await imageInputBytes({ path: file })).bytes.length > 0,
  readGgufHeader: async (file) => (await readGgufHeader(file)).fileSize > 0,
  readCheckpointFile: async (file) => (await readCheckpointFile(file, 1 << 20)) !== null,
  openWeightFile: async (file) => (closeSync(openWeightFile(file).fd), true),
  readSafetensors: async (file) => readSafetensors(file).length >= 0,
  scanBenchmark: async (file) => (await scanBenchmark(file)).rows.length > 0,
  readEvalResults: async (file) => Boolean(await readEvalResults(file)),
  loadCatalog: async (file) => Boolean(await loadCatalog(file)),
  // Without a manifest beside it, a decoder path comes back as given: no content either way.
  resolveModelFiles: async (file) => (await resolveModelFiles({ decoderPath: file })).imageAdapterPath !== undefined,
  importArticle: async (file) => {
    const markdown = path.join(path.dirname(file), `${path.basename(file)}.md`);
    writeFileSync(markdown, `# Hostile\n\n![p](${path.basename(file)})\n`);
    const project = path.join(work, 'project');
    mkdirSync(path.join(project, 'assets'), { recursive: true });
    return (await importArticleFile(project, markdown)).assets.length > 0;
  },
};

/** Kinds whose content a reader may hand back; from any other, content is a failure. */
const READABLE_KINDS = new Set([
  'plain file of random bytes',
  'a picture',
  'a sparse 8 GB file',
  'a file swapped for a FIFO and back during the read',
]);

/** The hostile things a path can be; each returns a cleanup, and a swapper stops with it. */
const KINDS: Record<string, (at: string) => () => void> = {
  'plain file of random bytes': (at) => (writeFileSync(at, random.bytes(random.int(4096))), noop),
  'a picture': (at) => (writeFileSync(at, testPicture(random.int(100), 16 + random.int(32))), noop),
  'a FIFO': (at) => (execFileSync('mkfifo', [at]), noop),
  'a link to a FIFO': (at) => {
    execFileSync('mkfifo', [`${at}.fifo`]);
    symlinkSync(`${at}.fifo`, at);
    return noop;
  },
  'a folder': (at) => (mkdirSync(at), noop),
  'a dangling link': (at) => (symlinkSync(`${at}.nowhere`, at), noop),
  'a link loop': (at) => (symlinkSync(`${at}.other`, at), symlinkSync(at, `${at}.other`), noop),
  'a link to /dev/zero': (at) => (symlinkSync('/dev/zero', at), noop),
  'a sparse 8 GB file': (at) => (writeFileSync(at, ''), truncateSync(at, 8 * 1024 ** 3), noop),
  ...(linux
    ? {
        'a link to /proc/self/pagemap': (at: string) => (symlinkSync('/proc/self/pagemap', at), noop),
        'a link to /proc/self/maps': (at: string) => (symlinkSync('/proc/self/maps', at), noop),
        'a link to a sysfs file': (at: string) => (symlinkSync('/sys/kernel/mm/transparent_hugepage/enabled', at), noop),
        '/proc/self/fd/0': (at: string) => (symlinkSync('/proc/self/fd/0', at), noop),
      }
    : {}),
  'a file swapped for a FIFO and back during the read': (at) => swapper(at, random),
};

function swapper(at: string, source: Random): () => void {
  writeFileSync(`${at}.file`, testPicture(source.int(100), 24));
  execFileSync('mkfifo', [`${at}.fifo`]);
  renameSync(`${at}.file`, at);
  let turns = 0;
  const timer = setInterval(() => {
    const [away, back] = turns % 2 === 0 ? [`${at}.file`, `${at}.fifo`] : [`${at}.fifo`, `${at}.file`];
    renameSync(at, away);
    renameSync(back, at);
    turns += 1;
  }, 0);
  return () => clearInterval(timer);
}

function noop(): void {}

const say = (line: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const kinds = Object.keys(KINDS);
  const readers = Object.keys(READERS);
  for (let index = 0; index < Number(maxCasesText) && Date.now() - started < Number(maxMsText); index++) {
    const kind = random.pick(kinds);
    const reader = random.pick(readers);
    const folder = path.join(work, `case-${index}`);
    mkdirSync(folder);
    const at = path.join(folder, random.pick(['x.png', 'config.json', 'tokenizer.model', 'bench.tsv', 'model.gguf', 'r.json']));
    say({ start: index, kind, reader });
    const stop = KINDS[kind]?.(at) ?? noop;
    let outcome: string;
    try {
      const gave = (await READERS[reader]?.(at)) ?? false;
      outcome = gave ? 'content' : 'refused';
      if (gave && !READABLE_KINDS.has(kind)) say({ violation: index, kind, reader });
    } catch (error) {
      outcome = error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : String(error);
    } finally {
      stop();
    }
    say({ done: index, outcome, rss: process.memoryUsage().rss });
    rmSync(folder, { recursive: true, force: true });
  }
  say({ finished: true });
}

await main();
