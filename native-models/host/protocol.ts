/**
 * Messages between the main side (ModelHostClient) and the model host process.
 * One request id per call; the host answers with zero or more events, then exactly one
 * `result` or `error`. `abort` is the only message that may arrive while a request runs.
 */
import type { ModelErrorPayload } from '../errors';
import type { CompletionRequest, CompletionResult, EngineInfo, EngineKind, LoadOptions, PromptPart, TokenCount } from '../engines/engine';

export interface HostRequestMap {
  load: { params: { engine: EngineKind; options: LoadOptions }; result: EngineInfo };
  complete: { params: CompletionRequest; result: CompletionResult };
  embed: { params: { text: string }; result: number[] };
  tokenize: { params: { prompt: PromptPart[] }; result: TokenCount };
  detokenize: { params: { tokens: number[] }; result: string };
  unload: { params: Record<string, never>; result: null };
  status: { params: Record<string, never>; result: HostStatus };
}

export type HostMethod = keyof HostRequestMap;

export interface HostStatus {
  pid: number;
  engine: EngineInfo | null;
  rssBytes: number;
  /** Highest resident memory of the host process so far. */
  peakRssBytes: number;
  uptimeMs: number;
}

export type HostRequest = {
  [M in HostMethod]: { kind: 'request'; id: number; method: M; params: HostRequestMap[M]['params'] };
}[HostMethod];

interface HostAbort {
  kind: 'abort';
  /** The request to stop. */
  id: number;
}

export type MainToHost = HostRequest | HostAbort;

export type HostToMain =
  | { kind: 'ready'; pid: number }
  | { kind: 'progress'; id: number; fraction: number }
  | { kind: 'token'; id: number; text: string }
  | { kind: 'result'; id: number; value: unknown }
  | { kind: 'error'; id: number; error: ModelErrorPayload }
  /** A process the host started (running) or that has ended: killed with the host if still running. */
  | { kind: 'child-process'; pid: number; running: boolean };

/**
 * How the client reaches a host process: `child_process.fork` under plain Node,
 * Electron's `utilityProcess` in the app. Both carry structured-clone messages.
 */
export interface HostTransport {
  send(message: MainToHost): void;
  onMessage(listener: (message: HostToMain) => void): void;
  /** Called once when the process is gone, however it went. */
  onExit(listener: (exit: { code: number | null; signal: string | null }) => void): void;
  kill(): void;
  readonly pid: number | undefined;
  /** What the process and its native libraries print (llama.cpp logs), line by line. */
  onLog?(listener: (line: string) => void): void;
}

/** The host side of a transport: how the host process receives and answers. */
export interface HostPort {
  send(message: HostToMain): void;
  onMessage(listener: (message: MainToHost) => void): void;
}
