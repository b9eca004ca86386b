/**
 * This machine's memory bandwidth, measured the way decoding uses memory: large sequential
 * copies, one per inference thread, each far bigger than any cache. Reported as the memory
 * traffic they make (a copy of N bytes reads N and writes N): a first run that counted only
 * the N read put node-llama-cpp's decode at 1.2x the bound, so the copy rate understates what
 * reads alone can do. Decode is bound by it because every generated token reads all the weights.
 */
import { Worker } from 'node:worker_threads';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const source = Buffer.alloc(workerData.bytes, 1);
const target = Buffer.alloc(workerData.bytes);
source.copy(target); // fault the pages in before timing
parentPort.postMessage('ready');
parentPort.once('message', () => {
  const started = process.hrtime.bigint();
  for (let i = 0; i < workerData.rounds; i++) source.copy(target);
  parentPort.postMessage(Number(process.hrtime.bigint() - started) / 1e9);
});`;

export async function measureReadBandwidth(threads: number, bytesPerThread = 256 * 1024 * 1024, rounds = 8): Promise<number> {
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { bytes: bytesPerThread, rounds } }),
  );
  try {
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
    const started = performance.now();
    const seconds = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<number>((resolve) => {
            worker.once('message', resolve);
            worker.postMessage('go');
          }),
      ),
    );
    const wall = Math.max((performance.now() - started) / 1000, ...seconds);
    return (2 * threads * bytesPerThread * rounds) / wall;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
