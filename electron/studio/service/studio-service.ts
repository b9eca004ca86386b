/**
 * The Studio API implemented in Node: one service behind Electron's IPC and the headless
 * server's WebSocket. Every request is validated against the contract's schemas first.
 * (Skeleton: the methods arrive in the next commits.)
 */
import type { HostTransport } from '../../../native-models/host/protocol';
import type { PickPurpose, StudioError, StudioEvent } from '../../contract/studio-api';

export interface StudioServiceOptions {
  /** Settings, the scratch project, the library database and downloaded models live here. */
  dataDir: string;
  shell: 'electron' | 'browser';
  /** How to start the model host (Electron: a utilityProcess); default: child_process.fork. */
  startModelHost?: () => HostTransport;
  /** Native dialogs (Electron only). */
  pickPath?: (request: { purpose: PickPurpose; defaultPath?: string }) => Promise<string | null>;
}

/** A request the service refused or that failed: `payload` is what the UI shows. */
export class StudioRequestError extends Error {
  constructor(readonly payload: StudioError) {
    super(payload.message);
    this.name = 'StudioRequestError';
  }
}

export interface ServedFile {
  bytes: Buffer;
  mimeType: string;
}

export class StudioService {
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  private constructor(readonly options: StudioServiceOptions) {}

  static async create(options: StudioServiceOptions): Promise<StudioService> {
    return new StudioService(options);
  }

  /** Validates and runs one request; rejects with StudioRequestError. */
  async handle(method: string, _params: unknown): Promise<unknown> {
    throw new StudioRequestError({ code: 'unknown-method', message: `The studio has no "${method}".` });
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A picture of the open project, by asset id; null when there is none. */
  async readAsset(_assetId: string): Promise<ServedFile | null> {
    return null;
  }

  /** A library picture's thumbnail (JPEG); null when there is none. */
  async readLibraryThumbnail(_id: number): Promise<ServedFile | null> {
    return null;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
