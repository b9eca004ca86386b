/** A StudioApi for the renderer's tests: each method answers from a handler the test sets. */
import type { StudioApi, StudioEvent, StudioMethodName, StudioMethods } from '../../electron/contract/studio-api';

export type FakeStudio = StudioApi & {
  /** Every call made, in order. */
  calls: Array<{ method: StudioMethodName; params: unknown }>;
  handle<M extends StudioMethodName>(method: M, handler: StudioMethods[M]): void;
  emit(event: StudioEvent): void;
};

export function fakeStudio(): FakeStudio {
  const listeners = new Set<(event: StudioEvent) => void>();
  const handlers = new Map<string, (params: unknown) => Promise<unknown>>();
  const calls: FakeStudio['calls'] = [];
  const target = {
    calls,
    handle(method: string, handler: (params: unknown) => Promise<unknown>) {
      handlers.set(method, handler);
    },
    emit: (event: StudioEvent) => listeners.forEach((listener) => listener(event)),
    onEvent(listener: (event: StudioEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    assetUrl: (assetId: string) => `asset://${assetId}`,
    assetThumbnailUrl: (assetId: string) => `asset-thumbnail://${assetId}`,
    libraryThumbnailUrl: (id: number) => `thumb://${id}`,
  };
  return new Proxy(target, {
    get(object, property: string) {
      if (property in object) return object[property as keyof typeof object];
      return (params: unknown) => {
        calls.push({ method: property as StudioMethodName, params });
        const handler = handlers.get(property);
        return handler ? handler(params) : Promise.reject({ code: 'not-faked', message: `The fake studio has no ${property}.` });
      };
    },
  }) as unknown as FakeStudio;
}
