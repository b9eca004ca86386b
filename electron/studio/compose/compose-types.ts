import type { CompletionResult, ImageInput, SamplingOptions } from '../../../native-models/engines/engine';
import type { AskModelOptions } from '../model/model-session';
import type { ModelPrompt, PromptFamily } from './prompt-families/prompt-family';
import type { Provenance } from '../documents/article-document';

/** What the pipeline needs of a model: ModelSession in the app, a fake in unit tests. */
export interface ComposeModel {
  /** How the steps phrase their questions for this model: chosen when it loaded. */
  readonly family: PromptFamily;
  ask(prompt: ModelPrompt, options?: AskModelOptions): Promise<CompletionResult>;
  /** The loaded model's context size, for budgeting what each step shows it. */
  readonly info?: { contextSize: number };
  /** Positions one picture takes in the context (the projector's), for the time-left estimate. */
  readonly picturePositions?: number;
}

/** An image the pipeline can show the model and place in the article. */
export interface ImageCandidate {
  /** Content hash (sha256, hex) of the original file: the asset id in the document. */
  id: string;
  /** What the model is shown: the checked, upright, size-bounded picture. */
  image: ImageInput;
  /** The original file the document's asset is made of; `image` when absent. */
  original?: ImageInput;
  provenance: Provenance;
  /** The library's caption, when it has one. */
  caption?: string;
}

/** Where candidates come from: the writer's image library. */
export interface CandidateSource {
  search(query: string, options: { limit: number; exclude: ReadonlySet<string> }): Promise<ImageCandidate[]>;
}

type ComposeStep = 'write' | 'place' | 'title' | 'retrieve' | 'choose' | 'caption' | 'edit';

export interface ComposeProgress {
  step: ComposeStep;
  /** 1-based slot being worked on, and how many there are, for per-figure steps. */
  slot?: number;
  slots?: number;
  /** Tokens generated so far in this step. */
  tokens: number;
  /** New article text, while writing (streamed). */
  textDelta?: string;
  /** The engine's generation pace in this compose (the answer streaming, once it has a few tokens). */
  tokensPerSecond?: number;
  /** Time left for the whole compose at the speeds measured so far (compose-meter.ts); absent until they are. */
  secondsLeft?: number;
}

export interface StepOptions {
  /** Every model call derives its seed from this, so the same inputs give the same article. */
  seed: number;
  signal?: AbortSignal;
  onProgress?: (progress: ComposeProgress) => void;
  /** Overrides of the per-step sampling defaults. */
  sampling?: SamplingOptions;
}

/** One figure slot while composing. */
export interface SlotDraft {
  afterParagraph: number;
  title: string;
  candidates: ImageCandidate[];
  chosen: number | null;
  caption: string;
  alt: string;
  emptyReason: string | null;
}
