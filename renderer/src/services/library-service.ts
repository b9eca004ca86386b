import { studio } from '../studio';
import { callStudio } from './studio-error';

export const libraryService = {
  state: () => callStudio(() => studio().libraryState()),
  index: (jobId: string, folder: string) => callStudio(() => studio().indexLibrary({ jobId, folder })),
  search: (query: string, limit: number) => callStudio(() => studio().searchLibrary({ query, limit })),
  removeFolder: (folder: string) => callStudio(() => studio().removeLibraryFolder({ folder })),
  setBackgroundCaptions: (on: boolean) => callStudio(() => studio().setBackgroundCaptions({ on })),
};
