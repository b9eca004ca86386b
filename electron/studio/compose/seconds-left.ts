/** The engine's speeds as measured in this run; null until measured. */
export interface MeasuredSpeeds {
  /** Prompt positions evaluated a second (text, and the positions pictures take). */
  promptPerSecond: number | null;
  /** Tokens generated a second. */
  decodePerSecond: number | null;
  /** Seconds a picture's encoding takes beyond evaluating its positions. */
  secondsPerPicture: number | null;
}

/** What is left to do: prompt positions to evaluate, tokens to generate, pictures to encode. */
export interface WorkLeft {
  promptTokens: number;
  decodeTokens: number;
  pictures: number;
}

/**
 * The seconds the work left takes at the measured speeds: null while the work needs a speed not
 * measured yet (no answer so far says how fast the engine generates, or reads a prompt). A
 * picture's encoding counts for nothing until one has been measured: its positions are in
 * `promptTokens` already, and an estimate that waits for the first figure says nothing for most
 * of the compose.
 */
export function secondsLeft(speeds: MeasuredSpeeds, work: WorkLeft): number | null {
  const prompt = timeAt(work.promptTokens, speeds.promptPerSecond);
  const decode = timeAt(work.decodeTokens, speeds.decodePerSecond);
  if (prompt === null || decode === null) return null;
  return prompt + decode + Math.max(0, work.pictures) * Math.max(0, speeds.secondsPerPicture ?? 0);
}

function timeAt(amount: number, perSecond: number | null): number | null {
  if (amount <= 0) return 0;
  return perSecond !== null && perSecond > 0 && Number.isFinite(perSecond) ? amount / perSecond : null;
}
