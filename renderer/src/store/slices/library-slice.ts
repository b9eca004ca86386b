import type { StateCreator } from 'zustand';
import type { IndexResult, LibraryPicture, LibraryState } from '@contract/studio-api';
import { dialogService } from '../../services/dialog-service';
import { libraryService } from '../../services/library-service';
import type { StudioStore } from '../studio-store';

/** How long typing must pause before a search goes out. */
const SEARCH_PAUSE_MS = 250;

export interface LibrarySlice {
  library: LibraryState | null;
  libraryFolder: string;
  indexJobId: string | null;
  lastIndex: IndexResult | null;
  libraryQuery: string;
  libraryResults: LibraryPicture[] | null;
  searchingLibrary: boolean;
  refreshLibrary(): Promise<void>;
  libraryChanged(library: LibraryState): void;
  setLibraryFolder(folder: string): void;
  pickLibraryFolder(): Promise<void>;
  /** Indexes the folder in the field, or `folder` (a re-scan of one already in the library). */
  indexLibrary(folder?: string): Promise<void>;
  removeLibraryFolder(folder: string): Promise<void>;
  /** Pauses or resumes the background captioner. */
  setBackgroundCaptions(on: boolean): Promise<void>;
  searchLibrary(query: string): Promise<void>;
}

export const createLibrarySlice: StateCreator<StudioStore, [], [], LibrarySlice> = (set, get) => ({
  library: null,
  libraryFolder: '',
  indexJobId: null,
  lastIndex: null,
  libraryQuery: '',
  libraryResults: null,
  searchingLibrary: false,

  async refreshLibrary() {
    try {
      get().libraryChanged(await libraryService.state());
    } catch (error) {
      get().showError(error);
    }
  },
  libraryChanged: (library) => set((state) => ({ library, libraryFolder: state.libraryFolder || library.folder || '' })),
  setLibraryFolder: (libraryFolder) => set({ libraryFolder }),

  async pickLibraryFolder() {
    try {
      const folder = await dialogService.pickPath('library-folder', get().libraryFolder || undefined);
      if (folder) set({ libraryFolder: folder });
    } catch (error) {
      get().showError(error);
    }
  },
  async indexLibrary(rescan) {
    if (rescan) set({ libraryFolder: rescan });
    const folder = get().libraryFolder.trim();
    if (!folder || get().indexJobId) return;
    const jobId = get().startJob('index', 'Indexing the library');
    set({ indexJobId: jobId, lastIndex: null });
    try {
      set({ lastIndex: await libraryService.index(jobId, folder) });
      await get().refreshLibrary();
    } catch (error) {
      get().showError(error);
    } finally {
      get().finishJob(jobId);
      set({ indexJobId: null });
    }
  },
  async removeLibraryFolder(folder) {
    try {
      get().libraryChanged(await libraryService.removeFolder(folder));
      set({ libraryResults: null, libraryQuery: '' });
    } catch (error) {
      get().showError(error);
    }
  },
  async setBackgroundCaptions(on) {
    try {
      get().libraryChanged(await libraryService.setBackgroundCaptions(on));
    } catch (error) {
      get().showError(error);
    }
  },
  async searchLibrary(query) {
    set({ libraryQuery: query });
    if (!query.trim()) {
      set({ libraryResults: null });
      return;
    }
    set({ searchingLibrary: true });
    // Typing settles before the library is asked.
    await new Promise((resolve) => setTimeout(resolve, SEARCH_PAUSE_MS));
    if (get().libraryQuery !== query) return;
    try {
      const results = await libraryService.search(query.trim(), 48);
      // A slower, older search must not overwrite a newer one.
      if (get().libraryQuery === query) set({ libraryResults: results });
    } catch (error) {
      get().showError(error);
    } finally {
      if (get().libraryQuery === query) set({ searchingLibrary: false });
    }
  },
});
