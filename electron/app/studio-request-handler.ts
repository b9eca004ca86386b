/**
 * Main's answer to one `studio:request` from a page. Before anything reaches the studio, the
 * sender must be the main window's top frame showing the app's own origin (never an iframe,
 * another window or a page that navigated away), and the method must be one of the Studio
 * API's. The service validates the params against the contract's schemas.
 */
import type { StudioError } from '../contract/studio-api';
import { toStudioError } from '../studio/service/studio-service';
import { isStudioMethod } from './studio-methods';
import type { StudioEnvelope } from './studio-ipc-channels';

/** The parts of Electron's IpcMainInvokeEvent this needs (kept structural so it can be tested). */
export interface RequestSender {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

export interface StudioRequestHandlerOptions {
  /** The main window's webContents, or null while there is none. */
  trustedContents: () => unknown;
  isAppUrl: (url: string) => boolean;
  handle: (method: string, params: unknown) => Promise<unknown>;
}

const REFUSED: StudioError = { code: 'forbidden', message: 'This window may not use the studio.' };

function isTrustedSender(event: RequestSender, trustedContents: unknown, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return trustedContents !== null && event.sender === trustedContents && frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function createStudioRequestHandler(
  options: StudioRequestHandlerOptions,
): (event: RequestSender, method: unknown, params: unknown) => Promise<StudioEnvelope> {
  return async (event, method, params) => {
    if (!isTrustedSender(event, options.trustedContents(), options.isAppUrl)) {
      return { ok: false, error: { ...REFUSED, detail: `sender frame: ${event.senderFrame?.url ?? '(gone)'}` } };
    }
    if (!isStudioMethod(method)) return { ok: false, error: { code: 'unknown-method', message: `The studio has no "${String(method)}".` } };
    try {
      return { ok: true, result: (await options.handle(method, params)) ?? null };
    } catch (error) {
      return { ok: false, error: toStudioError(error) };
    }
  };
}
