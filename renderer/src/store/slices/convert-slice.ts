import type { StateCreator } from 'zustand';
import type { ConvertRequest, ConvertedModel, StudioError } from '@contract/studio-api';
import { convertService } from '../../services/convert-service';
import type { StudioStore } from '../studio-store';

/** "Convert a downloaded model": an InternLM-XComposer2 checkpoint made into a model Folio loads. */
export interface ConvertSlice {
  checkpointPath: string;
  convertType: ConvertRequest['type'];
  convertJobId: string | null;
  converted: ConvertedModel | null;
  convertError: StudioError | null;
  setCheckpointPath(path: string): void;
  setConvertType(type: ConvertRequest['type']): void;
  convertModel(): Promise<void>;
  cancelConversion(): Promise<void>;
}

export const createConvertSlice: StateCreator<StudioStore, [], [], ConvertSlice> = (set, get) => ({
  checkpointPath: '',
  convertType: 'q8_0',
  convertJobId: null,
  converted: null,
  convertError: null,

  setCheckpointPath: (checkpointPath) => set({ checkpointPath }),
  setConvertType: (convertType) => set({ convertType }),

  async convertModel() {
    const checkpointDir = get().checkpointPath.trim();
    if (!checkpointDir || get().convertJobId) return;
    const jobId = get().startJob('convert', 'Converting the model');
    set({ convertJobId: jobId, converted: null, convertError: null });
    try {
      const converted = await convertService.run({ jobId, checkpointDir, type: get().convertType });
      set({ converted });
      // Loaded at once, like a finished download: its projector and adapter come along.
      if (converted.decoder) {
        get().setDecoderPath(converted.decoder);
        get().setProjectorPath('');
        await get().loadModelFiles();
      }
    } catch (error) {
      // Shown in the panel, beside the folder it is about.
      set({ convertError: error as StudioError });
    } finally {
      get().finishJob(jobId);
      set({ convertJobId: null });
    }
  },
  async cancelConversion() {
    const jobId = get().convertJobId;
    if (jobId) await get().cancelJob(jobId);
  },
});
