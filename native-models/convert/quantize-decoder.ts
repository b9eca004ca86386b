/**
 * `--type q4_k_m`: llama.cpp's own quantizer (llama-quantize, built beside llama-server by
 * `npm run build:llama-server`) makes the Q4_K_M decoder from the f16 one, so the 7B model runs
 * on a 16 GB machine. Q4_K's 256-value blocks and its mixes per tensor are llama.cpp's, not ours.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AbortedError, ModelError } from '../errors';
import { findLlamaServerBinary } from '../engines/llama-server/compile/llama-server-binary';
import { endWithParent } from '../end-with-parent';

export async function findQuantizer(): Promise<string> {
  const server = (await findLlamaServerBinary())?.server;
  const quantizer = server ? path.join(path.dirname(server), process.platform === 'win32' ? 'llama-quantize.exe' : 'llama-quantize') : null;
  if (!quantizer || !existsSync(quantizer)) {
    throw new ModelError(
      'backend-unavailable',
      "--type q4_k_m needs llama.cpp's quantizer, which is built with the engine: run npm run build:llama-server, or convert to q8_0.",
      quantizer ?? 'no llama-server build',
    );
  }
  return quantizer;
}

export async function quantizeDecoder(
  quantizer: string,
  input: string,
  output: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<void> {
  if (options.signal?.aborted) throw new AbortedError('Conversion cancelled; nothing was written.');
  const child = spawn(quantizer, [input, output, 'Q4_K_M'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // A converter killed outright must not leave the quantizer running.
  const stopWatching = endWithParent(child.pid);
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lastLines.push(line);
      if (lastLines.length > 12) lastLines.shift();
      // "[  12/ 219]  blk.0.attn_q.weight ..." : one line per tensor.
      const step = /^\[\s*(\d+)\/\s*(\d+)\]/.exec(line);
      if (step) options.onProgress?.(Number(step[1]) / Number(step[2]));
    });
  }
  const stop = (): void => void child.kill('SIGKILL');
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (options.signal?.aborted) throw new AbortedError('Conversion cancelled; nothing was written.');
    if (code !== 0)
      throw new ModelError(
        'engine-failed',
        "llama.cpp's quantizer could not make the smaller model.",
        `${quantizer} exited with ${String(code)}:\n${lastLines.join('\n')}`,
      );
  } finally {
    options.signal?.removeEventListener('abort', stop);
    stopWatching();
  }
}
