import type { StudioApi } from '../../electron/contract/studio-api';
import { browserStudioOptions, createWebSocketStudio } from './studio/websocket-studio';

/** The one object the renderer talks to: set by the preload (Electron) or the WebSocket client (browser). */
export function studio(): StudioApi {
  const api = (globalThis as { studio?: StudioApi }).studio;
  if (!api) throw new Error('The Studio API is not available in this window.');
  return api;
}

/** In a plain browser (no preload), talk to the headless server over its WebSocket. */
export function connectStudio(): StudioApi {
  const scope = globalThis as { studio?: StudioApi };
  scope.studio ??= createWebSocketStudio(browserStudioOptions(window.location, window.sessionStorage, window.history));
  return scope.studio;
}
