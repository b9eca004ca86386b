/**
 * The indexer with the real image-embedding model (the tiny CLIP through onnxruntime), killed
 * with SIGKILL halfway through 200 pictures and restarted: no committed picture is embedded
 * twice. Then 10 files deleted and 10 added: the next run touches exactly those 20.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImageLibrary } from '../../../electron/studio/library/image-library';
import type { IndexSummary } from '../../../electron/studio/library/index-folder';
import { writePictureFolder } from '../../fixtures/images';

const CHILD = path.resolve('test/integration/library/index-child.ts');
const RUN_TS = path.resolve('bin/run-ts.js');

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the indexer process; with `killAfterCaptions`, SIGKILLs it once that many captions are logged. */
function runIndexer(args: { folder: string; library: string; log: string }, killAfterCaptions?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, CHILD, args.folder, args.library, args.log], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const watch =
      killAfterCaptions === undefined
        ? undefined
        : setInterval(() => {
            if (captionLines(args.log).length >= killAfterCaptions) child.kill('SIGKILL');
          }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function captionLines(log: string): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
}

function storedHashes(libraryFile: string): Set<string> {
  const library = ImageLibrary.open(libraryFile);
  try {
    return new Set([...library.filesUnder('/').values()].flatMap((file) => file.sha256 ?? []));
  } finally {
    library.close();
  }
}

const summaryOf = (run: ChildRun): IndexSummary => JSON.parse(run.stdout.trim().split('\n').at(-1) as string) as IndexSummary;

/** The indexer's default batch, and how many batches it keeps in flight: at most this many pictures are lost to a kill. */
const IN_FLIGHT = 8 * 2;

describe('indexing through the real image-embedding model', () => {
  it('survives SIGKILL halfway without embedding a committed picture twice, then re-indexes only what changed', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'folio-index-crash-'));
    const args = { folder: path.join(root, 'pictures'), library: path.join(root, 'library.sqlite'), log: path.join(root, 'captions.log') };
    const files = await writePictureFolder(args.folder, 200);

    const killed = await runIndexer(args, 100);
    expect(killed.signal).toBe('SIGKILL');
    const beforeKill = captionLines(args.log);
    const committed = storedHashes(args.library);
    expect(committed.size).toBeGreaterThanOrEqual(90);
    expect(committed.size).toBeLessThan(200);

    const resumed = await runIndexer(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(summaryOf(resumed)).toMatchObject({ unchanged: committed.size, added: 200 - committed.size, removed: 0, skipped: [] });
    const allCaptions = captionLines(args.log);
    const timesCaptioned = new Map<string, number>();
    for (const hash of allCaptions) timesCaptioned.set(hash, (timesCaptioned.get(hash) ?? 0) + 1);
    expect(timesCaptioned.size).toBe(200);
    // Committed before the kill: embedded exactly once. At most the batches in flight twice.
    for (const hash of committed) expect(timesCaptioned.get(hash)).toBe(1);
    const twice = [...timesCaptioned].filter(([, count]) => count > 1).map(([hash]) => hash);
    expect(twice.length).toBeLessThanOrEqual(IN_FLIGHT);
    for (const hash of twice) expect(beforeKill).toContain(hash);
    expect(storedHashes(args.library).size).toBe(200);

    for (const file of files.slice(0, 10)) rmSync(file);
    const added = await writePictureFolder(args.folder, 10, 1000);
    const logBefore = allCaptions.length;
    const changed = await runIndexer(args);
    expect(changed.code, changed.stderr).toBe(0);
    expect(summaryOf(changed)).toMatchObject({ added: 10, removed: 10, unchanged: 190, duplicates: [] });
    const newCaptions = captionLines(args.log).slice(logBefore);
    expect(newCaptions).toHaveLength(10);
    expect(new Set(newCaptions).size).toBe(10);
    const stored = storedHashes(args.library);
    expect(stored.size).toBe(200);
    for (const hash of newCaptions) expect(stored.has(hash)).toBe(true);
    expect(added).toHaveLength(10);
  }, 300_000);
});
