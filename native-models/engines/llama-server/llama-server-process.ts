/**
 * One supervised llama-server process on 127.0.0.1: a free port, a random API key (handed over
 * in a 0600 file, not on the command line where `ps` shows it), health polling with a timeout,
 * its log lines to our log, and a clear error when it dies.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { reportChildProcess } from '../child-processes';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { ModelError } from '../../errors';
import { createKeyFolder } from './key-folder';
import { NO_MODEL_TEMPLATE } from '../no-model-template';

/** Where an image goes in a prompt: the same marker llama.node uses. */
export const MEDIA_MARKER = '<__media__>';

export interface LlamaServerLaunch {
  binary: string;
  model: string;
  projector?: string;
  /** A LoRA adapter for image tokens only (Partial LoRA; needs our partial-lora patch). */
  imageAdapter?: string;
  /** Float32 KV cache, flash attention off (see LoadOptions.fullPrecision). */
  fullPrecision?: boolean;
  contextSize: number;
  threads: number;
  gpuLayers: number;
  /** A server for embeddings only (llama-server serves either completions or embeddings). */
  embeddings?: boolean;
  /** Host memory for earlier prompts' KV (prompt-cache-size.ts); 0 or absent: none. */
  promptCacheMiB?: number;
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface RunningLlamaServer {
  baseUrl: string;
  apiKey: string;
  pid: number | undefined;
  /** Resolves when the process is gone; with how it went. */
  exited: Promise<string>;
  stop(): Promise<void>;
}

export async function startLlamaServer(launch: LlamaServerLaunch): Promise<RunningLlamaServer> {
  const port = await freePort();
  const apiKey = randomBytes(24).toString('hex');
  const { dir: keyDir, keyFile } = createKeyFolder(apiKey);
  const args = [
    '--model',
    launch.model,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--api-key-file',
    keyFile,
    '--ctx-size',
    String(launch.contextSize),
    '--threads',
    String(launch.threads),
    '--threads-batch',
    String(launch.threads),
    '--n-gpu-layers',
    String(launch.gpuLayers),
    '--parallel',
    '1',
    '--no-webui',
    // Never the model file's own template: llama-server renders it at start (a loop in it ran for
    // good, a string product took 3.9 GB). Folio formats every prompt itself and sends it raw.
    '--chat-template',
    NO_MODEL_TEMPLATE,
    // The one slot keeps the last prompt's KV; earlier prompts' KV is kept in host memory, up
    // to the size given, and the one sharing the longest prefix is restored (prompt-cache-size.ts).
    '--cache-ram',
    String(launch.embeddings ? 0 : (launch.promptCacheMiB ?? 0)),
    ...(launch.projector && !launch.embeddings ? ['--mmproj', launch.projector] : ['--no-mmproj']),
    ...(launch.gpuLayers === 0 ? ['--no-mmproj-offload'] : []),
    ...(launch.embeddings ? ['--embeddings', '--pooling', 'mean'] : []),
    ...(launch.fullPrecision ? ['--flash-attn', 'off', '--cache-type-k', 'f32', '--cache-type-v', 'f32'] : []),
  ];
  // The server picks a random image marker unless told one; prompts carry ours.
  const child = spawn(launch.binary, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LLAMA_MEDIA_MARKER: MEDIA_MARKER,
      // Always set: an adapter named in the writer's own environment must never slip in.
      FOLIO_IMAGE_LORA: launch.imageAdapter && !launch.embeddings ? launch.imageAdapter : '',
    },
  });
  reportChildProcess(child.pid, true);
  const lastLines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lastLines.push(line);
      if (lastLines.length > 20) lastLines.shift();
      launch.onLog?.(line);
    });
  }
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      reportChildProcess(child.pid, false);
      rmSync(keyDir, { recursive: true, force: true });
      resolve(signal ? `llama-server was stopped by ${signal}` : `llama-server exited with code ${code}`);
    });
    child.once('error', (error) => resolve(`llama-server could not start: ${error.message}`));
  });
  // A server that outlives the process that started it would hold the model in memory for nobody.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  exited.then(() => process.off('exit', killOnExit));

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, exited, launch.startTimeoutMs ?? 180_000);
  } catch (error) {
    child.kill('SIGKILL');
    const detail = [error instanceof Error ? error.message : String(error), ...lastLines].join('\n');
    throw new ModelError('model-load-failed', 'The model could not be started in llama-server.', detail);
  }
  return {
    baseUrl,
    apiKey,
    pid: child.pid,
    exited,
    stop: () => stopChild(child, exited),
  };
}

async function waitForHealth(baseUrl: string, exited: Promise<string>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: string | null = null;
  void exited.then((how) => {
    gone = how;
  });
  while (Date.now() < deadline) {
    if (gone) throw new Error(gone);
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`llama-server did not become healthy within ${Math.round(timeoutMs / 1000)} s`);
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
