/** The Studio API's requests and results for converting a checkpoint and evaluating a model. */

/** Converts a downloaded InternLM-XComposer2 checkpoint into the models folder (see `folio convert`). */
export interface ConvertRequest {
  jobId: string;
  /** The checkpoint folder (config.json, tokenizer.model, the .bin or safetensors shards). */
  checkpointDir: string;
  /** f16 keeps the weights as released; q8_0 halves them for a 16 GB machine; q4_k_m quarters them (llama.cpp's quantizer). */
  type: 'f16' | 'q8_0' | 'q4_k_m';
}

export interface ConvertedModel {
  cancelled: boolean;
  /** The converted folder and its decoder file (load it like any model: its projector and adapter come along). */
  outDir: string | null;
  decoder: string | null;
}

export interface EvaluateRequest {
  jobId: string;
  /** A multiple-choice benchmark in VLMEvalKit's TSV layout, on this computer. */
  benchmarkPath: string;
  /** Every rotation of the options must be answered right; null: only for MMBench files. */
  circular: boolean | null;
  /** The first N items only. */
  limit?: number;
  /** N items drawn at random with `seed` (not with limit). */
  sample?: number;
  seed?: number;
}

export interface EvaluationSummary {
  /** Stopped by cancelJob: the answers so far are kept, and the same request continues. */
  cancelled: boolean;
  /** The result as a Markdown table, beside the paper's number; null when cancelled. */
  table: string | null;
  /** The results file (JSON with every answer); the table is beside it as .md. */
  resultsPath: string;
  /** 0..1, null before any item is scored. */
  accuracy: number | null;
  interval95: [number, number] | null;
  items: number;
  scored: number;
  paperPercent: number | null;
}
