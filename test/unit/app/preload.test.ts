import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioApi, StudioEvent } from '@contract/studio-api';
import { STUDIO_METHOD_NAMES } from '../../../electron/app/studio-methods';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: bridge.invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!bridge.listeners.has(channel)) bridge.listeners.set(channel, new Set());
      bridge.listeners.get(channel)?.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => bridge.listeners.get(channel)?.delete(listener),
  },
}));

await import('../../../electron/app/preload');
const studio = bridge.exposed.get('studio') as StudioApi;

describe('the preload', () => {
  beforeEach(() => bridge.invoke.mockReset());

  it('exposes only window.studio: every Studio API method and the three helpers, no IPC object', () => {
    expect([...bridge.exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(studio).sort()).toEqual(
      [...STUDIO_METHOD_NAMES, 'onEvent', 'assetUrl', 'assetThumbnailUrl', 'libraryThumbnailUrl'].sort(),
    );
    for (const value of Object.values(studio)) expect(typeof value).toBe('function');
  });

  it('sends each call as its own method name on the request channel and resolves with the result', async () => {
    bridge.invoke.mockResolvedValue({ ok: true, result: { folder: null, pictures: 0 } });
    await expect(studio.libraryState()).resolves.toEqual({ folder: null, pictures: 0 });
    await studio.searchLibrary({ query: 'harbour', limit: 4 });
    expect(bridge.invoke.mock.calls).toEqual([
      ['studio:request', 'libraryState', null],
      ['studio:request', 'searchLibrary', { query: 'harbour', limit: 4 }],
    ]);
  });

  it('rejects with the code, message and detail main sent', async () => {
    bridge.invoke.mockResolvedValue({
      ok: false,
      error: { code: 'project-missing', message: 'That project folder is gone.', detail: '/x.folio' },
    });
    await expect(studio.openProject({ dir: '/x.folio' })).rejects.toEqual({
      name: 'StudioCallError',
      code: 'project-missing',
      message: 'That project folder is gone.',
      detail: '/x.folio',
    });
  });

  it('rejects with a readable error when IPC itself fails or answers nonsense', async () => {
    bridge.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    await expect(studio.modelStatus()).rejects.toMatchObject({
      code: 'ipc-failed',
      message: 'The studio did not answer.',
      detail: 'No handler registered',
    });
    bridge.invoke.mockResolvedValueOnce(undefined);
    await expect(studio.modelStatus()).rejects.toMatchObject({ code: 'unknown-error' });
  });

  it('hands events to the listener without the IPC event, until unsubscribed', () => {
    const seen: unknown[] = [];
    const unsubscribe = studio.onEvent((event) => seen.push(event));
    const event: StudioEvent = {
      type: 'library-changed',
      library: {
        folder: '/pictures',
        pictures: 3,
        folders: [],
        embeddingModel: null,
        uncaptioned: 0,
        preparingSearch: false,
        captions: { on: true, activity: 'done', note: null, left: 0, failed: 0 },
      },
    };
    const emit = () => {
      for (const listener of bridge.listeners.get('studio:event') ?? []) listener({ sender: 'ipc internals' }, event);
    };
    emit();
    unsubscribe();
    emit();
    expect(seen).toEqual([event]);
  });

  it('points pictures at the folio: scheme', () => {
    const id = 'a'.repeat(64);
    expect(studio.assetUrl(id)).toBe(`folio://asset/${id}`);
    expect(studio.libraryThumbnailUrl(12)).toBe('folio://library/12');
    expect(studio.assetThumbnailUrl(id)).toBe(`folio://thumbnail/${id}`);
  });
});
