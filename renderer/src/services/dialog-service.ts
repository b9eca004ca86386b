import type { ListFolderRequest, PickPurpose } from '@contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

/** What the shell offers (native dialogs or the in-page picker) and its file dialogs. */
export const dialogService = {
  capabilities: () => callStudio(() => studio().capabilities()),
  pickPath: (purpose: PickPurpose, defaultPath?: string) =>
    callStudio(() => studio().pickPath(defaultPath ? { purpose, defaultPath } : { purpose })),
  /** One folder's contents for the browser studio's picker. */
  listFolder: (request: ListFolderRequest) => callStudio(() => studio().listFolder(request)),
  createFolder: (path: string, name: string) => callStudio(() => studio().createFolder({ path, name })),
};
