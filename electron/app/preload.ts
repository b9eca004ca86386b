/**
 * The preload: gives the page one object, `window.studio`, implementing the Studio API over
 * IPC. The page never sees ipcRenderer; each method sends its own name on the one request
 * channel, and main checks the sender and the method again.
 *
 * A failed call rejects with a plain `{ name, code, message, detail }` object rather than an
 * Error: the context bridge copies an Error with its message only, dropping code and detail
 * (electron/electron#25596), and the UI needs both.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { StudioApi, StudioError, StudioEvent, StudioMethods } from '../contract/studio-api';
import { assetThumbnailUrl, assetUrl, libraryThumbnailUrl } from './app-origin';
import { STUDIO_METHOD_NAMES } from './studio-methods';
import { STUDIO_EVENT_CHANNEL, STUDIO_REQUEST_CHANNEL, type StudioEnvelope } from './studio-ipc-channels';

export type StudioCallFailure = StudioError & { name: 'StudioCallError' };

function failure(error: Partial<StudioError> | undefined): StudioCallFailure {
  return {
    name: 'StudioCallError',
    code: typeof error?.code === 'string' ? error.code : 'unknown-error',
    message: typeof error?.message === 'string' && error.message ? error.message : 'The studio could not do that.',
    ...(typeof error?.detail === 'string' ? { detail: error.detail } : {}),
  };
}

async function request(method: string, params: unknown): Promise<unknown> {
  let envelope: StudioEnvelope;
  try {
    envelope = (await ipcRenderer.invoke(STUDIO_REQUEST_CHANNEL, method, params ?? null)) as StudioEnvelope;
  } catch (error) {
    throw failure({
      code: 'ipc-failed',
      message: 'The studio did not answer.',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
  if (envelope?.ok === true) return envelope.result;
  throw failure(envelope?.ok === false ? envelope.error : undefined);
}

function createStudioBridge(): StudioApi {
  const methods = Object.fromEntries(
    STUDIO_METHOD_NAMES.map((method) => [method, (params?: unknown) => request(method, params)]),
  ) as unknown as StudioMethods;
  return {
    ...methods,
    onEvent(listener: (event: StudioEvent) => void): () => void {
      // The page's listener gets the event only, never Electron's IPC event with its sender.
      const forward = (_event: IpcRendererEvent, event: StudioEvent): void => listener(event);
      ipcRenderer.on(STUDIO_EVENT_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(STUDIO_EVENT_CHANNEL, forward);
      };
    },
    assetUrl: (assetId: string) => assetUrl(assetId),
    assetThumbnailUrl: (assetId: string) => assetThumbnailUrl(assetId),
    libraryThumbnailUrl: (id: number) => libraryThumbnailUrl(id),
  };
}

contextBridge.exposeInMainWorld('studio', createStudioBridge());
