import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { LlamaServerBuildError } from './build-error';

export interface BuildStepOptions {
  cwd: string;
  /** Every line of output is appended here. */
  logFile: string;
  /** Also stream the output to this terminal. */
  verbose: boolean;
  /** Called with each output line (for progress), verbose or not. */
  onLine?: (line: string) => void;
}

const TAIL_LINES = 30;

/**
 * Runs one step of the build (git, cmake) with its output in the log. A failing step throws
 * LlamaServerBuildError (exit 1) whose detail is the log's path and its last 30 lines.
 */
export async function runBuildStep(title: string, command: string, args: string[], options: BuildStepOptions): Promise<void> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`\n$ ${[command, ...args].join(' ')}\n`);
  let pending = '';
  const take = (chunk: Buffer, echo: NodeJS.WriteStream): void => {
    log.write(chunk);
    if (options.verbose) echo.write(chunk);
    const lines = (pending + chunk.toString('utf8')).split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) options.onLine?.(line);
  };
  const outcome = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => take(chunk, process.stdout));
    child.stderr.on('data', (chunk: Buffer) => take(chunk, process.stderr));
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('close', (code) => resolve({ code }));
  });
  await new Promise<void>((resolve) => log.end(resolve));
  if (outcome.code === 0) return;
  const reason = outcome.error ? outcome.error.message : `exit code ${outcome.code}`;
  throw new LlamaServerBuildError(`${title} failed (${reason}). Full log: ${options.logFile}`, 1, await logTail(options.logFile));
}

async function logTail(logFile: string): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '');
  return text.trimEnd().split(/\r?\n/).slice(-TAIL_LINES).join('\n');
}
