/**
 * The model the studio uses: loading (one at a time, with progress), switching without a
 * restart, and the state the status bar shows. Each step gets the session through `session()`,
 * which waits for a load in progress and says clearly when there is no model.
 */
import type { HostTransport } from '../../../native-models/host/protocol';
import { findCatalogEntry, loadCatalog } from '../../../native-models/catalog/load-catalog';
import type { ModelCatalog } from '../../../native-models/catalog/catalog-entry';
import { entryPaths } from '../../../native-models/catalog/models-folder';
import type { ModelPairPaths } from '../../../native-models/gguf/validate-model';
import type { ModelSource, ModelStatus, StudioError } from '../../contract/studio-api';
import { ModelSession } from '../model/model-session';
import { studioError, toStudioError } from './to-studio-error';

export interface ModelManagerOptions {
  modelsDir: string;
  /** @default the built-in catalog */
  catalogPath?: string;
  demoPair: ModelPairPaths & { projector: string };
  startModelHost?: () => HostTransport;
  contextSize: number;
  onStatus: (status: ModelStatus) => void;
}

const NO_MODEL: ModelStatus = {
  state: 'none',
  loadProgress: null,
  engine: null,
  backend: null,
  gpuLayers: 0,
  contextSize: 0,
  vision: false,
  modelName: null,
  decoderPath: null,
  projectorPath: null,
  demo: false,
  fitSummary: null,
  error: null,
};

export class ModelManager {
  private current: ModelSession | null = null;
  private loading: Promise<ModelSession> | null = null;
  private loadStopper: AbortController | null = null;
  private status: ModelStatus = NO_MODEL;
  private catalog: ModelCatalog | null = null;

  constructor(private readonly options: ModelManagerOptions) {}

  get state(): ModelStatus {
    return this.status;
  }

  async modelCatalog(): Promise<ModelCatalog> {
    this.catalog ??= await loadCatalog(this.options.catalogPath);
    return this.catalog;
  }

  /** The loaded model; waits for one that is loading. */
  async session(): Promise<ModelSession> {
    if (this.loading) return this.loading;
    if (this.current) return this.current;
    throw studioError('no-model', 'No model is loaded. Open model setup to choose one.');
  }

  /** Loads `source`, replacing the current model once the new one is ready (or failed). */
  async load(source: ModelSource): Promise<ModelStatus> {
    const paths = await this.pathsOf(source);
    // A new choice replaces a load in progress at once: the writer need not wait for the old one.
    this.loadStopper?.abort();
    const stopper = new AbortController();
    this.loadStopper = stopper;
    const previous = this.loading?.catch(() => null);
    const load = (async () => {
      await previous;
      await this.current?.close();
      this.current = null;
      this.setStatus({ ...NO_MODEL, state: 'loading', loadProgress: 0, decoderPath: paths.decoder, projectorPath: paths.projector ?? null, demo: source.kind === 'demo' });
      const session = await ModelSession.open({
        decoderPath: paths.decoder,
        ...(paths.projector ? { projectorPath: paths.projector } : {}),
        contextSize: this.options.contextSize,
        ...(this.options.startModelHost ? { startHost: this.options.startModelHost } : {}),
        onProgress: (fraction) => this.setStatus({ ...this.status, loadProgress: fraction }),
        signal: stopper.signal,
      });
      this.current = session;
      return session;
    })();
    this.loading = load;
    try {
      const session = await load;
      this.setStatus(statusOf(session, source.kind === 'demo'));
    } catch (error) {
      // Cancelled: no model and nothing to report; replaced by a newer load: that one reports.
      if (stopper.signal.aborted) {
        if (this.loadStopper === stopper) this.setStatus(NO_MODEL);
      } else this.setStatus({ ...this.status, state: 'failed', loadProgress: null, error: toStudioError(error) });
      throw error;
    } finally {
      if (this.loading === load) this.loading = null;
      if (this.loadStopper === stopper) this.loadStopper = null;
    }
    return this.status;
  }

  /** Stops a load in progress (the writer chose Cancel); the studio then has no model. */
  cancelLoad(): ModelStatus {
    this.loadStopper?.abort();
    return this.status;
  }

  /** A model opened elsewhere (the server's --model or --server): the studio uses it as loaded. */
  async adopt(session: ModelSession): Promise<void> {
    await this.loading?.catch(() => null);
    if (this.current !== session) await this.current?.close();
    this.current = session;
    this.setStatus(statusOf(session, false));
  }

  /** The loaded model, without waiting; null while none is ready. */
  loaded(): ModelSession | null {
    return this.loading ? null : this.current;
  }

  /** A crash or a failed call that took the model with it shows in the status bar. */
  reportFailure(error: StudioError): void {
    if (error.code === 'host-crashed') this.setStatus({ ...this.status, error });
  }

  /** A call went through after a crash: the model is back (the host restarted it). */
  reportSuccess(): void {
    if (this.status.state === 'ready' && this.status.error?.code === 'host-crashed') this.setStatus({ ...this.status, error: null });
  }

  async close(): Promise<void> {
    await this.loading?.catch(() => null);
    await this.current?.close();
    this.current = null;
  }

  private async pathsOf(source: ModelSource): Promise<ModelPairPaths> {
    if (source.kind === 'files') return { decoder: source.decoder, ...(source.projector ? { projector: source.projector } : {}) };
    if (source.kind === 'demo') return this.options.demoPair;
    const entry = findCatalogEntry(await this.modelCatalog(), source.id);
    if (!entry) throw studioError('unknown-model', `The catalog has no model "${source.id}".`);
    return entryPaths(this.options.modelsDir, entry);
  }

  private setStatus(status: ModelStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }
}

function statusOf(session: ModelSession, demo: boolean): ModelStatus {
  const { info } = session;
  return {
    state: 'ready',
    loadProgress: null,
    engine: info.engine,
    backend: info.backend === 'remote' ? null : info.backend,
    gpuLayers: info.gpuLayers,
    contextSize: info.contextSize,
    vision: info.vision,
    modelName: info.modelName,
    decoderPath: info.decoderPath,
    projectorPath: info.projectorPath,
    demo,
    fitSummary: session.fit?.summary ?? null,
    error: null,
  };
}
