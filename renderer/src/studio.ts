import type { StudioApi } from '../../electron/contract/studio-api';

/** The one object the renderer talks to: set by the preload (Electron) or the WebSocket client (browser). */
export function studio(): StudioApi {
  const api = (globalThis as { studio?: StudioApi }).studio;
  if (!api) throw new Error('The Studio API is not available in this window.');
  return api;
}
