/**
 * Errors the model layer hands to the UI. Each has a stable `code` the UI can switch on,
 * a `message` a writer understands, and a `detail` for developers (logs, --verbose).
 * They cross process boundaries as plain objects (see `toErrorPayload` / `fromErrorPayload`).
 */
export type ModelErrorCode =
  // files and validation (native-models/gguf)
  | 'file-missing'
  | 'file-unreadable'
  | 'file-empty'
  | 'not-gguf'
  | 'unsupported-gguf-version'
  | 'file-truncated'
  | 'file-corrupt'
  | 'unknown-architecture'
  | 'not-a-decoder'
  | 'not-a-projector'
  | 'unknown-projector-type'
  | 'projector-mismatch'
  | 'adapter-mismatch'
  | 'does-not-fit'
  // converting a checkpoint (native-models/convert)
  | 'not-a-checkpoint'
  | 'checkpoint-corrupt'
  | 'checkpoint-unsafe'
  // running a model
  | 'model-not-loaded'
  | 'model-load-failed'
  /** The model was lost with its host and loading it again failed; the next call tries again. */
  | 'model-reload-failed'
  | 'backend-unavailable'
  | 'prompt-too-long'
  | 'images-not-supported'
  | 'image-unreadable'
  | 'invalid-request'
  | 'aborted'
  | 'host-crashed'
  /** A call ran past its time limit; the host was replaced. */
  | 'host-timed-out'
  /** Internal: the binding is wedged; the client restarts the host and retries the call. */
  | 'host-restart-needed'
  | 'engine-failed';

export interface ModelErrorPayload {
  code: ModelErrorCode;
  message: string;
  detail?: string;
}

export class ModelError extends Error {
  override readonly name: string = 'ModelError';
  constructor(
    readonly code: ModelErrorCode,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }

  toPayload(): ModelErrorPayload {
    return { code: this.code, message: this.message, ...(this.detail ? { detail: this.detail } : {}) };
  }
}

/** The model host process died (crash, out-of-memory kill, bad native load) with this request pending. */
export class ModelHostCrashed extends ModelError {
  override readonly name = 'ModelHostCrashed';
  constructor(message: string, detail?: string) {
    super('host-crashed', message, detail);
  }
}

/** The request was cancelled by the caller. */
export class AbortedError extends ModelError {
  override readonly name = 'AbortedError';
  constructor(message = 'Cancelled.', detail?: string) {
    super('aborted', message, detail);
  }
}

export function toErrorPayload(error: unknown): ModelErrorPayload {
  if (error instanceof ModelError) return error.toPayload();
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'engine-failed', message: `The model engine failed: ${message}`, detail };
}

export function fromErrorPayload(payload: ModelErrorPayload): ModelError {
  if (payload.code === 'host-crashed') return new ModelHostCrashed(payload.message, payload.detail);
  if (payload.code === 'aborted') return new AbortedError(payload.message, payload.detail);
  return new ModelError(payload.code, payload.message, payload.detail);
}
