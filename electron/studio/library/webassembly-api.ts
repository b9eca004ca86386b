/**
 * The part of the WebAssembly JavaScript API the similarity kernel uses. Node has all of it,
 * but its types live in the DOM library, which the Node-side TypeScript project leaves out.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  /** Grows by whole 64 KiB pages; detaches views of the old buffer. */
  grow(deltaPages: number): number;
}

export type WasmModule = object;

interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  validate(bytes: Uint8Array): boolean;
}

export const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
