import type { PickPurpose } from '../../../electron/contract/studio-api';
import { studio } from '../studio';
import { callStudio } from './studio-error';

/** What the shell offers (native dialogs or typed paths) and its file dialogs. */
export const dialogService = {
  capabilities: () => callStudio(() => studio().capabilities()),
  pickPath: (purpose: PickPurpose, defaultPath?: string) =>
    callStudio(() => studio().pickPath(defaultPath ? { purpose, defaultPath } : { purpose })),
};
