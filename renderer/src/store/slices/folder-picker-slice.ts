import type { StateCreator } from 'zustand';
import type { FolderListing, ListFolderRequest, PickPurpose, StudioError } from '@contract/studio-api';
import { dialogService } from '../../services/dialog-service';
import { toStudioError } from '../../services/studio-error';
import type { StudioStore } from '../studio-store';

/** The browser studio's folder picker: the folder it shows. One picker is open at a time (it is modal). */
export interface FolderPickerSlice {
  pickerListing: FolderListing | null;
  /** Why the last folder asked for could not be shown; the listing before it stays. */
  pickerError: StudioError | null;
  pickerLoading: boolean;
  /** Shows a folder; false when it could not be listed (pickerError says why). */
  browseFolder(request: ListFolderRequest): Promise<boolean>;
  closeFolderPicker(): void;
  /** New folder: its path, or null when it could not be made (pickerError says why). */
  makeFolder(parent: string, name: string): Promise<string | null>;
  /** The native dialog (Electron) for a field that has no action of its own; null when cancelled or failed (the error is shown). */
  pickNativePath(purpose: PickPurpose, current: string): Promise<string | null>;
}

// A slow folder's answer must not replace the one the writer went to after it.
let latestRequest = 0;

export const createFolderPickerSlice: StateCreator<StudioStore, [], [], FolderPickerSlice> = (set, get) => ({
  pickerListing: null,
  pickerError: null,
  pickerLoading: false,

  async browseFolder(request) {
    const asked = ++latestRequest;
    set({ pickerLoading: true });
    try {
      const listing = await dialogService.listFolder(request);
      if (asked === latestRequest) set({ pickerListing: listing, pickerError: null, pickerLoading: false });
      return true;
    } catch (error) {
      if (asked === latestRequest) set({ pickerError: toStudioError(error), pickerLoading: false });
      return false;
    }
  },
  closeFolderPicker() {
    latestRequest++;
    set({ pickerListing: null, pickerError: null, pickerLoading: false });
  },
  async makeFolder(parent, name) {
    try {
      const { path } = await dialogService.createFolder(parent, name);
      return path;
    } catch (error) {
      set({ pickerError: toStudioError(error) });
      return null;
    }
  },
  async pickNativePath(purpose, current) {
    try {
      return await dialogService.pickPath(purpose, current.trim() || undefined);
    } catch (error) {
      get().showError(error);
      return null;
    }
  },
});
