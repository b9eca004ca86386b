/**
 * The Studio API: everything the renderer may ask of the studio. The renderer imports this
 * file with `import type` only; main (Electron) and the headless server implement it.
 * It grows with the app; the model-layer part is here first.
 */
export type Backend = 'cpu' | 'metal' | 'cuda' | 'vulkan';

export interface ModelStatus {
  loaded: boolean;
  /** 0..1 while a model loads. */
  loadProgress: number | null;
  engine: 'llama-node' | 'node-llama-cpp' | null;
  backend: Backend | null;
  gpuLayers: number;
  contextSize: number;
  vision: boolean;
  modelName: string | null;
  error: { code: string; message: string } | null;
}

export interface StudioApi {
  modelStatus(): Promise<ModelStatus>;
}
