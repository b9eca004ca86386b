/**
 * What the paper (InternLM-XComposer2, as ../shared/XCOMPOSER2.md lists it) reports per
 * benchmark, found by the benchmark file's name: a run sets its score beside this one.
 */
export interface PaperScore {
  benchmark: string;
  /** Accuracy in percent, as the paper prints it. */
  percent: number;
}

const PAPER_SCORES: ReadonlyArray<{ pattern: RegExp; score: PaperScore }> = [
  { pattern: /mmbench/i, score: { benchmark: 'MMBench', percent: 79.6 } },
  { pattern: /mmstar/i, score: { benchmark: 'MMStar', percent: 47.7 } },
  { pattern: /ai2d/i, score: { benchmark: 'AI2D', percent: 80.27 } },
  { pattern: /scienceqa|sqa/i, score: { benchmark: 'ScienceQA', percent: 78.3 } },
  { pattern: /seed[-_ ]?bench/i, score: { benchmark: 'SEED-Bench', percent: 68.9 } },
  { pattern: /mmmu/i, score: { benchmark: 'MMMU', percent: 56.48 } },
  { pattern: /mathvista/i, score: { benchmark: 'MathVista', percent: 59.5 } },
  { pattern: /mm[-_]?vet/i, score: { benchmark: 'MM-Vet', percent: 51.2 } },
  { pattern: /textvqa/i, score: { benchmark: 'TextVQA', percent: 62.2 } },
];

export function paperScoreFor(fileName: string): PaperScore | undefined {
  return PAPER_SCORES.find(({ pattern }) => pattern.test(fileName))?.score;
}

/** MMBench is scored circularly by its authors; so is a file named like it, unless asked otherwise. */
export function circularByDefault(fileName: string): boolean {
  return /mmbench/i.test(fileName);
}
