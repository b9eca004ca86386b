/**
 * The Studio API implemented in Node: one service behind Electron's IPC and the headless
 * server's WebSocket. Every request is validated against the contract's schemas first; every
 * failure reaches the caller as a StudioError it can show.
 */
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeStalePartials } from '../../../native-models/convert/stale-partials';
import { ensureDemoModels } from '../../../native-models/demo/demo-models';
import { ensureDemoClip } from '../../../native-models/clip/demo-clip';
import { findEmbeddingModel } from '../library/find-embedding-model';
import { findCatalogEntry } from '../../../native-models/catalog/load-catalog';
import { defaultModelsDir } from '../../../native-models/catalog/models-folder';
import { downloadCatalogEntry } from '../../../native-models/download/download-catalog-entry';
import type { ModelPairPaths } from '../../../native-models/gguf/validate-model';
import type { HostTransport } from '../../../native-models/host/protocol';
import type { PickPurpose, StudioEvent, StudioMethodName, StudioMethods, StudioParams } from '../../contract/studio-api';
import type { ModelSession } from '../model/model-session';
import { typedPath } from './expand-home';
import { exportInWorker } from '../export/export-in-worker';
import type { PdfPrinter } from '../export/export-types';
import { EXPORT_FORMATS, type ExportFormat } from '../../contract/export-formats';
import { isAssetId } from '../../contract/asset-id';
import { readPastedMarkdown } from '../documents/read-pasted-markdown';
import { runAsk, runCompose, runFigureAction, runParagraphEdit } from './article-jobs';
import { runEvaluation } from './evaluate-job';
import { runConversion } from './convert-job';
import { JobRegistry } from './job-registry';
import { createFolder } from './create-folder';
import { listFolder } from './list-folder';
import { ModelManager } from './model-manager';
import { checkModelFiles, modelSetupView } from './model-setup-view';
import { PictureThumbnails } from './picture-thumbnails';
import { pictureForDisplay } from '../library/picture-for-display';
import { pictureTypeOf } from '../../../native-models/images/picture-types';
import { pickerRoots } from './picker-roots';
import { ProjectWorkspace } from './project-workspace';
import { StudioLibrary } from './studio-library';
import { SettingsStore } from './studio-settings';
import { studioError, toStudioError } from './to-studio-error';
import { validateRequest } from './validate-request';
import { ModelUse } from '../model/model-use';
import { captionDescriber } from './caption-describer';
import { pictureFileTypes } from './picture-file-types';

export { StudioRequestError, toStudioError } from './to-studio-error';

export interface StudioServiceOptions {
  /** Settings, the scratch project, the library database and the recent-projects list live here. */
  dataDir: string;
  shell: 'electron' | 'browser';
  /** @default the platform's app-data models folder */
  modelsDir?: string;
  /** A catalog file instead of the built-in one (tests, organisations with their own mirror). */
  catalogPath?: string;
  /** @default the tiny demo pair, written into the data folder on first use */
  demoPair?: ModelPairPaths & { projector: string };
  /** @default 8192 */
  contextSize?: number;
  /** The image-embedding model's folder. @default the catalog's in the models folder, else the demo's */
  embeddingModelDir?: string;
  /** How to start the model host (Electron: a utilityProcess); default: child_process.fork. */
  startModelHost?: () => HostTransport;
  /** Native dialogs (Electron only). */
  pickPath?: (request: { purpose: PickPurpose; defaultPath?: string }) => Promise<string | null>;
  /** Prints PDF exports (the desktop app's printToPDF); without it the system's Chromium does. */
  printPdf?: PdfPrinter;
  /** Load the model from the settings at start (not awaited). @default true */
  loadConfiguredModel?: boolean;
  /** The library's background captioner (tests: a shorter quiet time). */
  backgroundCaptions?: { quietMs?: number };
}

export interface ServedFile {
  bytes: Buffer;
  mimeType: string;
}

/** The chosen format decides: a path ending in another export format's extension gets this one's. */
export function exportTarget(outPath: string, format: ExportFormat): string {
  const extension = path.extname(outPath).slice(1).toLowerCase();
  const stem = (EXPORT_FORMATS as readonly string[]).includes(extension) ? outPath.slice(0, -extension.length - 1) : outPath;
  // "Markdown folder": the path names a folder holding the article and its pictures, not a file with a picture folder beside it.
  if (format === 'md') return path.join(stem, `${path.basename(stem)}.md`);
  if (extension === format) return outPath;
  return `${stem}.${format}`;
}

/** Calls that run the model: one that succeeds after a crash shows the model is back. */
const MODEL_METHODS = new Set<StudioMethodName>(['compose', 'editParagraph', 'figureAction', 'ask', 'evaluateModel']);

/**
 * The writer's work that background captions must never run beside: everything that asks the
 * model (for its whole length, not only while a call is in flight), loads one, or keeps the
 * processor busy for the writer (indexing, converting). Each single model call also counts
 * (ModelSession.modelUse), which covers the /v1 endpoint.
 */
const WRITER_METHODS = new Set<StudioMethodName>([...MODEL_METHODS, 'loadModel', 'indexLibrary', 'searchLibrary', 'convertModel']);

type Handlers = { [M in StudioMethodName]: (params: StudioParams<M>) => ReturnType<StudioMethods[M]> };

export class StudioService {
  private readonly listeners = new Set<(event: StudioEvent) => void>();
  private readonly jobs = new JobRegistry((event) => this.emit(event));
  private readonly handlers: Handlers;
  /** Keyed by content hash, so they stay right whichever project is open. */
  private readonly assetThumbnails = new PictureThumbnails<string>();
  private libraryStatePending = false;
  /** Project pictures of types a browser does not show (HEIC, TIFF, SVG), as a JPEG or PNG copy. */
  private readonly assetDisplayCopies = new PictureThumbnails<string>(40, async (source) =>
    pictureForDisplay({ bytes: 'bytes' in source ? source.bytes : Buffer.alloc(0), mimeType: 'application/octet-stream' }, 2048),
  );

  private constructor(
    private readonly modelUse: ModelUse,
    private readonly options: StudioServiceOptions,
    private readonly settings: SettingsStore,
    private readonly models: ModelManager,
    private readonly workspace: ProjectWorkspace,
    private readonly library: StudioLibrary,
    private readonly modelsDir: string,
    private readonly demoPair: ModelPairPaths & { projector: string },
  ) {
    this.handlers = this.createHandlers();
  }

  static async create(options: StudioServiceOptions): Promise<StudioService> {
    await mkdir(options.dataDir, { recursive: true });
    const settings = await SettingsStore.open(options.dataDir);
    const modelsDir = options.modelsDir ?? defaultModelsDir();
    // Conversions a killed studio left half-written (hidden .partial folders) go at the next start.
    void removeStalePartials(path.join(modelsDir, 'converted')).catch(() => undefined);
    const demoPair = options.demoPair ?? (await ensureDemoModels(path.join(options.dataDir, 'demo-model')));
    let service: StudioService | null = null;
    const modelUse = new ModelUse();
    const models = new ModelManager({
      modelUse,
      modelsDir,
      ...(options.catalogPath ? { catalogPath: options.catalogPath } : {}),
      demoPair,
      contextSize: options.contextSize ?? 8192,
      ...(options.startModelHost ? { startModelHost: options.startModelHost } : {}),
      onStatus: (status) => {
        service?.emit({ type: 'model-status', status });
        service?.library.wakeCaptions();
      },
    });
    service = new StudioService(
      modelUse,
      options,
      settings,
      models,
      new ProjectWorkspace(options.dataDir, settings),
      new StudioLibrary(
        path.join(options.dataDir, 'library.sqlite'),
        settings,
        () =>
          options.embeddingModelDir
            ? Promise.resolve({ dir: options.embeddingModelDir, demo: false })
            : findEmbeddingModel(modelsDir, () => ensureDemoClip(path.join(options.dataDir, 'demo-model'))),
        {
          modelUse,
          describer: () => captionDescriber(models),
          onChange: () => service?.libraryStateChanged(),
          ...(options.backgroundCaptions?.quietMs !== undefined ? { quietMs: options.backgroundCaptions.quietMs } : {}),
        },
      ),
      modelsDir,
      demoPair,
    );
    const configured = settings.get().model;
    if (configured && options.loadConfiguredModel !== false) void models.load(configured).catch(() => undefined);
    service.library.startCaptions();
    return service;
  }

  /** Validates and runs one request; rejects with StudioRequestError. */
  async handle(method: unknown, params: unknown): Promise<unknown> {
    const name = validateRequest(method, params);
    const failuresBefore = this.models.failuresReported;
    const writerEnds = WRITER_METHODS.has(name) ? this.modelUse.writerStarts() : null;
    try {
      const result = await (this.handlers[name] as (params: unknown) => Promise<unknown>)(params ?? undefined);
      if (MODEL_METHODS.has(name)) this.models.reportSuccess(failuresBefore);
      return result;
    } catch (error) {
      const payload = toStudioError(error);
      this.models.reportFailure(payload);
      throw studioError(payload.code, payload.message, payload.detail);
    } finally {
      writerEnds?.();
    }
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Use a model opened by the caller (the server's --model / --server options). */
  adoptModel(session: ModelSession): Promise<void> {
    return this.models.adopt(session);
  }

  /** The loaded model for the OpenAI-compatible endpoints; null while none is ready. */
  loadedModel(): ModelSession | null {
    return this.models.loaded();
  }

  /** A picture of the open project, by asset id; null when there is none. */
  async readAsset(assetId: string): Promise<ServedFile | null> {
    if (!isAssetId(assetId)) return null;
    const asset = await this.workspace.readAsset(assetId);
    if (!asset || pictureTypeOf(asset.bytes)?.shownByBrowsers) return asset;
    return this.assetDisplayCopies.get(assetId, async () => asset.bytes);
  }

  /** A project picture made small (WebP, at most 320 px); null when there is none. */
  readAssetThumbnail(assetId: string): Promise<ServedFile | null> {
    if (!isAssetId(assetId)) return Promise.resolve(null);
    return this.assetThumbnails.get(assetId, async () => (await this.workspace.readAsset(assetId))?.bytes ?? null);
  }

  /** A library picture's thumbnail (WebP); null when there is none. */
  readLibraryThumbnail(id: number): Promise<ServedFile | null> {
    return this.library.thumbnail(id);
  }

  async close(): Promise<void> {
    this.jobs.cancelAll();
    // Captions first: a caption cut off by the model closing would count against its picture.
    await this.library.stopCaptions();
    await this.models.close();
    await this.library.close();
    this.listeners.clear();
  }

  private emit(event: StudioEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The captioner's progress, sent once for a burst of changes. */
  private libraryStateChanged(): void {
    if (this.libraryStatePending) return;
    this.libraryStatePending = true;
    setImmediate(() => {
      this.libraryStatePending = false;
      void this.library.state().then(
        (library) => this.emit({ type: 'library-changed', library }),
        () => undefined,
      );
    });
  }

  private deps = async () => ({ session: await this.models.session(), workspace: this.workspace, library: this.library });

  /** A project file job: cancellable through cancelJob when the caller gave it a jobId. */
  private fileJob<T>(jobId: string | undefined, work: (signal?: AbortSignal) => Promise<T>): Promise<T> {
    return jobId ? this.jobs.run(jobId, (job) => work(job.signal)) : work();
  }

  private createHandlers(): Handlers {
    return {
      capabilities: async () => ({
        shell: this.options.shell,
        nativeDialogs: Boolean(this.options.pickPath),
        pictureTypes: pictureFileTypes(),
      }),

      modelSetup: () =>
        modelSetupView(this.models, { modelsDir: this.modelsDir, configured: this.settings.get().model, demoPair: this.demoPair }),
      modelStatus: async () => this.models.state,
      checkModelFiles: ({ decoder, projector }) =>
        checkModelFiles({ decoder: typedPath(decoder), projector: projector && typedPath(projector) }),
      loadModel: async ({ source: given, fullPrecision }) => {
        const source =
          given.kind === 'files'
            ? { ...given, decoder: typedPath(given.decoder), projector: given.projector && typedPath(given.projector) }
            : given;
        const status = await this.models.load(source, { fullPrecision: fullPrecision === true });
        await this.settings.update({ model: source });
        return status;
      },
      cancelModelLoad: async () => this.models.cancelLoad(),
      downloadModel: ({ jobId, id }) =>
        this.jobs.run(jobId, async (job) => {
          const entry = findCatalogEntry(await this.models.modelCatalog(), id);
          if (!entry) throw studioError('unknown-model', `The catalog has no model "${id}".`);
          await mkdir(this.modelsDir, { recursive: true });
          try {
            await downloadCatalogEntry(entry, {
              modelsDir: this.modelsDir,
              signal: job.signal,
              onAbort: 'keep',
              onProgress: (progress) =>
                job.progress({
                  kind: 'download',
                  progress: {
                    receivedBytes: progress.receivedBytes,
                    totalBytes: progress.totalBytes,
                    bytesPerSecond: progress.bytesPerSecond,
                    secondsLeft: progress.secondsLeft ?? null,
                  },
                }),
            });
            return { completed: true };
          } catch (error) {
            if (job.signal.aborted) return { completed: false };
            throw error;
          }
        }),

      openWorkspace: () => this.workspace.open(),
      saveDocument: ({ document, mode }) => this.workspace.save(document, mode),
      newProject: ({ title, jobId }) =>
        this.fileJob(jobId, (signal) => this.workspace.create(path.join(this.options.dataDir, 'projects'), title, signal)),
      openProject: ({ dir, jobId }) => this.fileJob(jobId, (signal) => this.workspace.openDir(typedPath(dir), signal)),
      saveProjectAs: ({ document, dir, jobId }) => this.fileJob(jobId, (signal) => this.workspace.saveAs(document, typedPath(dir), signal)),
      // Into the folder New uses: the writer chose a file, not a place for a project (Save As moves it).
      importArticle: ({ path: file, jobId }) =>
        this.fileJob(jobId, (signal) => this.workspace.importArticle(path.join(this.options.dataDir, 'projects'), typedPath(file), signal)),
      readMarkdown: async ({ markdown }) => readPastedMarkdown(markdown),
      importImage: ({ fileName, dataBase64 }) => this.workspace.importPicture(fileName, Buffer.from(dataBase64, 'base64')),
      exportArticle: ({ jobId, document, format, path: outPath }) =>
        this.jobs.run(jobId, async (job) => {
          const target = exportTarget(typedPath(outPath), format);
          const project = await this.workspace.project();
          const result = await exportInWorker(
            { projectDir: project.dir, document, outPath: target, title: project.title },
            {
              signal: job.signal,
              onProgress: (progress) =>
                job.progress({ kind: 'export', stage: progress.phase, fraction: progress.total ? progress.done / progress.total : null }),
              ...(this.options.printPdf ? { printPdf: this.options.printPdf } : {}),
            },
          );
          return { path: result.outPath };
        }),

      compose: (request) =>
        this.jobs.run(request.jobId, async (job) => {
          // A failure the compose survived (its text is kept) still shows in the status bar.
          const { failure, ...composed } = await runCompose(await this.deps(), request, job);
          if (failure !== undefined) this.models.reportFailure(toStudioError(failure));
          return composed;
        }),
      editParagraph: (request) => this.jobs.run(request.jobId, async (job) => runParagraphEdit(await this.deps(), request, job)),
      figureAction: (request) => this.jobs.run(request.jobId, async (job) => runFigureAction(await this.deps(), request, job)),
      ask: (request) => this.jobs.run(request.jobId, async (job) => runAsk(await this.deps(), request, job)),

      libraryState: async () => {
        void this.library.prepareSearch();
        return this.library.state();
      },
      indexLibrary: ({ jobId, folder }) =>
        this.jobs.run(jobId, async (job) => {
          const result = await this.library.index(typedPath(folder), {
            signal: job.signal,
            onProgress: (step) =>
              job.progress({
                kind: 'index',
                phase: step.phase,
                done: step.done,
                total: step.total,
                current: step.current ? path.basename(step.current) : null,
                skipped: step.skipped,
                perSecond: step.perSecond ?? null,
              }),
          });
          this.emit({ type: 'library-changed', library: await this.library.state() });
          return result;
        }),
      removeLibraryFolder: async ({ folder }) => {
        const state = await this.library.removeFolder(typedPath(folder));
        this.emit({ type: 'library-changed', library: state });
        return state;
      },
      setBackgroundCaptions: async ({ on }) => this.library.setCaptionsOn(on),
      searchLibrary: async ({ query, limit }) =>
        this.library.search(query, limit, this.models.state.state === 'ready' ? await this.models.session() : null),

      evaluateModel: (request) =>
        this.jobs.run(request.jobId, async (job) =>
          runEvaluation(
            await this.models.session(),
            this.options.dataDir,
            { ...request, benchmarkPath: typedPath(request.benchmarkPath) },
            job,
          ),
        ),

      convertModel: (request) =>
        this.jobs.run(request.jobId, (job) =>
          runConversion(this.modelsDir, { ...request, checkpointDir: typedPath(request.checkpointDir) }, job),
        ),

      cancelJob: async ({ jobId }) => this.jobs.cancel(jobId),
      pickPath: async (request) => {
        if (!this.options.pickPath) throw studioError('unsupported', 'This window cannot open file dialogs: type the path instead.');
        return this.options.pickPath(request);
      },
      listFolder: async (request) => {
        // Read at each call: HOME is the server's, and a projects folder may appear after the start.
        const home = os.homedir();
        return listFolder(request, await pickerRoots({ home, dataDir: this.options.dataDir, modelsDir: this.modelsDir }), home);
      },
      createFolder: async ({ path: parent, name }) => {
        const home = os.homedir();
        return {
          path: await createFolder(
            parent,
            name,
            await pickerRoots({ home, dataDir: this.options.dataDir, modelsDir: this.modelsDir }),
            home,
          ),
        };
      },
    };
  }
}
