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
import { ModelSession, type OpenModelOptions } from '../model/model-session';
import type { ModelUse } from '../model/model-use';
import { validateModelPair } from '../../../native-models/gguf/validate-model';
import { AbortedError } from '../../../native-models/errors';
import { studioError, toStudioError } from './to-studio-error';

export interface ModelManagerOptions {
  modelsDir: string;
  /** @default the built-in catalog */
  catalogPath?: string;
  demoPair: ModelPairPaths & { projector: string };
  startModelHost?: () => HostTransport;
  contextSize: number;
  onStatus: (status: ModelStatus) => void;
  /** Given to every session, so background work yields to the writer's calls. */
  modelUse?: ModelUse;
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

/** Errors that mean the loaded model went away with its host (and comes back with the next call). */
const MODEL_LOST = new Set(['host-crashed', 'host-timed-out', 'model-reload-failed']);

export class ModelManager {
  private current: ModelSession | null = null;
  private loading: Promise<ModelSession> | null = null;
  private failures = 0;
  private loadStopper: AbortController | null = null;
  private status: ModelStatus = NO_MODEL;
  private catalog: ModelCatalog | null = null;
  /** How to load the current model again after a failed switch; null when it cannot be. */
  private reopenOptions: ReopenOptions | null = null;

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

  /**
   * Loads `source` in place of the current model. A failed load keeps the working model: the new
   * files are validated in full while it stays loaded (a bad file costs nothing); only then is it
   * closed, because two models rarely fit in memory together, and if the new one still fails to
   * load, the old one is loaded again. Cancelling leaves no model, as the writer asked.
   */
  async load(source: ModelSource, how: { fullPrecision?: boolean } = {}): Promise<ModelStatus> {
    const paths = await this.pathsOf(source);
    // A new choice replaces a load in progress at once: the writer need not wait for the old one.
    this.loadStopper?.abort();
    const stopper = new AbortController();
    this.loadStopper = stopper;
    const previous = this.loading?.catch(() => null);
    let restored = false;
    const load = (async () => {
      await previous;
      // No fit check here: the loaded model would count against the new one. open() checks it.
      await validateModelPair({ decoder: paths.decoder, projector: paths.projector });
      if (stopper.signal.aborted) throw new AbortedError('Loading the model was cancelled.');
      const working = this.current ? { session: this.current, reopen: this.reopenOptions } : null;
      await this.current?.close();
      this.current = null;
      this.setStatus({
        ...NO_MODEL,
        state: 'loading',
        loadProgress: 0,
        decoderPath: paths.decoder,
        projectorPath: paths.projector ?? null,
        demo: source.kind === 'demo',
      });
      const options: ReopenOptions = {
        decoderPath: paths.decoder,
        ...(paths.projector ? { projectorPath: paths.projector } : {}),
        ...(how.fullPrecision ? { fullPrecision: true } : {}),
        demo: source.kind === 'demo',
      };
      try {
        const session = await this.open(options, stopper.signal);
        this.current = session;
        this.reopenOptions = options;
        return session;
      } catch (error) {
        if (stopper.signal.aborted || !working?.reopen) throw error;
        restored = await this.reopen(working.reopen);
        throw error;
      }
    })();
    this.loading = load;
    try {
      const session = await load;
      this.setStatus(statusOf(session, source.kind === 'demo'));
    } catch (error) {
      // Cancelled: no model and nothing to report; replaced by a newer load: that one reports.
      // A model still loaded (cancelled before it was closed, or back after a failure) is ready.
      const working = this.current ? statusOf(this.current, this.reopenOptions?.demo ?? false) : null;
      if (stopper.signal.aborted) {
        if (this.loadStopper === stopper) this.setStatus(working ?? NO_MODEL);
      } else if (working) this.setStatus({ ...working, error: toStudioError(error) });
      else this.setStatus({ ...this.status, state: 'failed', loadProgress: null, error: toStudioError(error) });
      throw restored ? withRestoredNote(error) : error;
    } finally {
      if (this.loading === load) this.loading = null;
      if (this.loadStopper === stopper) this.loadStopper = null;
    }
    return this.status;
  }

  private async open(options: ReopenOptions, signal?: AbortSignal): Promise<ModelSession> {
    const { demo: _demo, ...load } = options;
    const session = await ModelSession.open({
      ...load,
      contextSize: this.options.contextSize,
      ...(this.options.startModelHost ? { startHost: this.options.startModelHost } : {}),
      onProgress: (fraction) => this.setStatus({ ...this.status, loadProgress: fraction }),
      ...(signal ? { signal } : {}),
    });
    session.modelUse = this.options.modelUse ?? null;
    return session;
  }

  /** Loads the model that worked before a failed switch; false when it cannot come back either. */
  private async reopen(options: ReopenOptions): Promise<boolean> {
    this.setStatus({
      ...NO_MODEL,
      state: 'loading',
      loadProgress: 0,
      decoderPath: options.decoderPath,
      projectorPath: options.projectorPath ?? null,
      demo: options.demo,
    });
    try {
      this.current = await this.open(options);
      this.reopenOptions = options;
      return true;
    } catch {
      this.reopenOptions = null;
      return false;
    }
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
    session.modelUse = this.options.modelUse ?? null;
    const { info } = session;
    // A model on a remote server is not ours to load again.
    this.reopenOptions =
      info.engine === 'openai-compatible'
        ? null
        : {
            decoderPath: info.decoderPath,
            ...(info.projectorPath ? { projectorPath: info.projectorPath } : {}),
            engine: info.engine,
            demo: false,
          };
    this.setStatus(statusOf(session, false));
  }

  /** The loaded model, without waiting; null while none is ready. */
  loaded(): ModelSession | null {
    return this.loading ? null : this.current;
  }

  /** How many failures were reported: a call compares it before and after (see reportSuccess). */
  get failuresReported(): number {
    return this.failures;
  }

  /**
   * A crash or a failed call that took the model with it shows in the status bar; a model that
   * could not be loaded again after a crash is not ready (the next request tries again).
   */
  reportFailure(error: StudioError): void {
    if (this.loading || !this.current) return;
    if (error.code === 'model-reload-failed') this.setStatus({ ...this.status, state: 'failed', loadProgress: null, error });
    else if (MODEL_LOST.has(error.code)) this.setStatus({ ...this.status, error });
    else return;
    this.failures++;
  }

  /**
   * A call went through after a crash: the model is back (the host restarted it). Not when the
   * crash happened during that very call (`failuresBefore`, read as it started): a compose keeps
   * its text through a crash and still ends well.
   */
  reportSuccess(failuresBefore: number): void {
    if (failuresBefore !== this.failures) return;
    if (this.loading || !this.current || !MODEL_LOST.has(this.status.error?.code ?? '')) return;
    this.setStatus(statusOf(this.current, this.reopenOptions?.demo ?? false));
  }

  async close(): Promise<void> {
    await this.loading?.catch(() => null);
    await this.current?.close();
    this.current = null;
    this.reopenOptions = null;
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

/** What reloading a model needs: its files (and engine, for a model opened elsewhere). */
interface ReopenOptions extends Pick<OpenModelOptions, 'decoderPath' | 'projectorPath' | 'engine' | 'fullPrecision'> {
  demo: boolean;
}

/** The failed load's error, saying that the model in use before is loaded again. */
function withRestoredNote(error: unknown): unknown {
  const studio = toStudioError(error);
  return studioError(studio.code, `${studio.message} The model you were using is loaded again.`, studio.detail);
}

/**
 * Where the model runs, as a writer would say it: "Runs on this computer's processor, with 2
 * cores". The engine's own words (CPU variant, thread plan, libraries not loaded) are the detail.
 */
function runsOn(info: ModelSession['info']): string {
  if (info.backend === 'remote') return 'Runs on a model server';
  if (info.backend !== 'cpu') return `Runs on the graphics card (${info.backend.toUpperCase()})`;
  return `Runs on this computer's processor, with ${info.threads} core${info.threads === 1 ? '' : 's'}`;
}

/** The engine's report for the "Details" toggle: "CPU variant zen4; 1 thread: 0.1 of 2 cores busy …; libggml-cuda.so not loaded: …". */
function runsOnDetail(info: ModelSession['info']): string {
  const variant = info.cpuVariant ? `CPU variant ${info.cpuVariant}` : null;
  const threads = info.backend === 'remote' ? null : (info.threadsNote ?? `${info.threads} thread${info.threads === 1 ? '' : 's'}`);
  return [variant, threads, info.backendNote].filter(Boolean).join('; ');
}

function statusOf(session: ModelSession, demo: boolean): ModelStatus {
  const { info } = session;
  const detail = runsOnDetail(info);
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
    ...(info.imageAdapterPath ? { pictureAdapter: true } : {}),
    ...(info.fullPrecision ? { fullPrecision: true } : {}),
    runsOn: runsOn(info),
    ...(detail ? { runsOnDetail: detail } : {}),
    demo,
    fitSummary: session.fit?.summary ?? null,
    error: null,
  };
}
