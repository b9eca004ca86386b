/**
 * llama.cpp's own tools from the same build as the llama-server engine, run as the reference
 * the engines are measured against: llama-bench for prompt and decode speed, llama-mtmd-cli
 * for image encoding.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LlamaBenchResult {
  promptTokensPerSecond: number;
  decodeTokensPerSecond: number;
}

export async function runLlamaBench(
  binary: string,
  model: string,
  options: { promptTokens: number; genTokens: number; threads: number },
): Promise<LlamaBenchResult> {
  const { stdout } = await run(
    binary,
    [
      '-m',
      model,
      '-p',
      String(options.promptTokens),
      '-n',
      String(options.genTokens),
      '-t',
      String(options.threads),
      '-ngl',
      '0',
      '-r',
      '1',
      '-o',
      'json',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const rows = JSON.parse(stdout) as Array<{ n_prompt: number; n_gen: number; avg_ts: number }>;
  return {
    promptTokensPerSecond: rows.find((row) => row.n_prompt > 0 && row.n_gen === 0)?.avg_ts ?? Number.NaN,
    decodeTokensPerSecond: rows.find((row) => row.n_gen > 0 && row.n_prompt === 0)?.avg_ts ?? Number.NaN,
  };
}

/** Milliseconds llama-mtmd-cli spends encoding one image (summed over its slices). */
export async function runMtmdImageEncode(
  binary: string,
  model: string,
  projector: string,
  image: string,
  threads: number,
): Promise<number> {
  const { stdout, stderr } = await run(
    binary,
    // The template only shapes the text around the image; encoding time does not depend on it.
    [
      '-m',
      model,
      '--mmproj',
      projector,
      '--image',
      image,
      '--chat-template',
      'chatml',
      '-p',
      'Describe the picture.',
      '-n',
      '1',
      '-t',
      String(threads),
      '-ngl',
      '0',
      '--no-mmproj-offload',
    ],
    { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, LLAMA_LOG_VERBOSITY: '3' } },
  );
  let total = Number.NaN;
  for (const match of `${stdout}\n${stderr}`.matchAll(/(?:image slice encoded in|mtmd batch encoding done in) (\d+) ms/g))
    total = (Number.isNaN(total) ? 0 : total) + Number(match[1]);
  return total;
}
