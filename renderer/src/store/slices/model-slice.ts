import type { StateCreator } from 'zustand';
import type { DownloadProgress, ModelFilesCheck, ModelSetup, ModelSource, ModelStatus } from '@contract/studio-api';
import { focusArticle } from '../../editor/focus-article';
import { dialogService } from '../../services/dialog-service';
import { modelService } from '../../services/model-service';
import type { StudioStore } from '../studio-store';

interface ModelDownload {
  jobId: string;
  catalogId: string;
  progress: DownloadProgress | null;
}

export interface ModelSlice {
  modelSetup: ModelSetup | null;
  modelStatus: ModelStatus | null;
  /** The studio this page talked to has stopped (the page cannot reconnect): no model is ready here any more. */
  studioStopped: boolean;
  decoderPath: string;
  projectorPath: string;
  filesCheck: ModelFilesCheck | null;
  checkingFiles: boolean;
  download: ModelDownload | null;
  /**
   * Asks the studio what is configured. With `openWhenNeeded` (the studio starting) it opens setup
   * when nothing usable is; later refreshes leave it as the writer left it, closed included.
   */
  refreshModelSetup(openWhenNeeded?: boolean): Promise<void>;
  modelStatusChanged(status: ModelStatus): void;
  setDecoderPath(path: string): void;
  setProjectorPath(path: string): void;
  pickModelFile(which: 'decoder' | 'projector'): Promise<void>;
  checkModelFiles(): Promise<void>;
  loadModelFiles(): Promise<void>;
  loadCatalogModel(id: string): Promise<void>;
  loadDemoModel(): Promise<void>;
  downloadCatalogModel(id: string): Promise<void>;
  pauseDownload(): Promise<void>;
  /** Stops a model load in progress (a big model can take minutes). */
  cancelModelLoad(): Promise<void>;
}

export const createModelSlice: StateCreator<StudioStore, [], [], ModelSlice> = (set, get) => {
  async function load(source: ModelSource): Promise<void> {
    try {
      const status = await modelService.load(source);
      get().modelStatusChanged(status);
      if (status.state === 'ready') {
        // "Use files I have" shows the files now in use, not those of the model before (the demo's, a download's).
        set({ setupOpen: false, decoderPath: status.decoderPath ?? '', projectorPath: status.projectorPath ?? '', filesCheck: null });
        focusArticle();
        void refreshQuietly();
      }
    } catch (error) {
      // Cancelled by the writer, or replaced by another choice: nothing went wrong.
      if ((error as { code?: string }).code !== 'aborted') get().showError(error);
    }
  }

  async function refreshQuietly(): Promise<void> {
    try {
      const modelSetup = await modelService.setup();
      set({ modelSetup, modelStatus: modelSetup.status });
    } catch {
      // The status already arrived; the catalog view can stay as it was.
    }
  }

  return {
    modelSetup: null,
    modelStatus: null,
    studioStopped: false,
    decoderPath: '',
    projectorPath: '',
    filesCheck: null,
    checkingFiles: false,
    download: null,

    async refreshModelSetup(openWhenNeeded = false) {
      try {
        const modelSetup = await modelService.setup();
        const status = modelSetup.status;
        set((state) => ({
          modelSetup,
          modelStatus: status,
          decoderPath: state.decoderPath || status.decoderPath || '',
          projectorPath: state.projectorPath || status.projectorPath || '',
          setupOpen: state.setupOpen || (openWhenNeeded && modelSetup.needsSetup),
        }));
      } catch (error) {
        get().showError(error);
      }
    },
    modelStatusChanged(status) {
      set((state) => ({ modelStatus: status, modelSetup: state.modelSetup ? { ...state.modelSetup, status } : null }));
    },
    setDecoderPath: (decoderPath) => set({ decoderPath, filesCheck: null }),
    setProjectorPath: (projectorPath) => set({ projectorPath, filesCheck: null }),

    async pickModelFile(which) {
      try {
        const current = which === 'decoder' ? get().decoderPath : get().projectorPath;
        const path = await dialogService.pickPath(which, current || undefined);
        if (path) (which === 'decoder' ? get().setDecoderPath : get().setProjectorPath)(path);
      } catch (error) {
        get().showError(error);
      }
    },
    async checkModelFiles() {
      const { decoderPath, projectorPath } = get();
      set({ checkingFiles: true, filesCheck: null });
      try {
        set({ filesCheck: await modelService.checkFiles(decoderPath.trim(), projectorPath.trim() || null) });
      } catch (error) {
        get().showError(error);
      } finally {
        set({ checkingFiles: false });
      }
    },
    loadModelFiles: () => {
      const { decoderPath, projectorPath } = get();
      return load({ kind: 'files', decoder: decoderPath.trim(), projector: projectorPath.trim() || null });
    },
    loadCatalogModel: (id) => load({ kind: 'catalog', id }),
    loadDemoModel: () => load({ kind: 'demo' }),

    async downloadCatalogModel(id) {
      const jobId = get().startJob('download', 'Downloading the model');
      set({ download: { jobId, catalogId: id, progress: null } });
      try {
        const { completed } = await modelService.download(jobId, id);
        await refreshQuietly();
        if (completed) await load({ kind: 'catalog', id });
      } catch (error) {
        get().showError(error);
      } finally {
        get().finishJob(jobId);
        set({ download: null });
        void refreshQuietly();
      }
    },
    async cancelModelLoad() {
      try {
        get().modelStatusChanged(await modelService.cancelLoad());
      } catch (error) {
        get().showError(error);
      }
    },
    async pauseDownload() {
      const download = get().download;
      if (download) await get().cancelJob(download.jobId);
    },
  };
};
