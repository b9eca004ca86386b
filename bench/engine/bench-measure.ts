/**
 * One measured generation, the same way for every variant: wall-clock time from the call to
 * the first streamed token (TTFT) and between the first and last token (decode), taken in the
 * process that makes the call.
 */
export interface RunMeasure {
  promptTokens: number;
  decodedTokens: number;
  ttftMs: number;
  decodeMs: number;
  /** llama.cpp's own image-encode time, summed over the image's slices; null without an image. */
  imageEncodeMs: number | null;
}

export interface TokenClock {
  tick(): void;
  finish(promptTokens: number, imageEncodeMs?: number | null): RunMeasure;
}

export function startTokenClock(): TokenClock {
  const started = performance.now();
  let first: number | null = null;
  let last = started;
  let tokens = 0;
  return {
    tick() {
      const now = performance.now();
      first ??= now;
      last = now;
      tokens++;
    },
    finish(promptTokens, imageEncodeMs = null) {
      // A one-token answer can resolve before its token callback arrives: then the answer's end is its first token.
      const firstAt = first ?? performance.now();
      return {
        promptTokens,
        decodedTokens: tokens,
        ttftMs: firstAt - started,
        decodeMs: Math.max(0, last - firstAt),
        imageEncodeMs,
      };
    },
  };
}

/** Sums llama.cpp's "image slice encoded in N ms" log lines. */
export function imageEncodeLogReader(): { read(line: string): void; take(): number | null } {
  let total: number | null = null;
  return {
    read(line) {
      const match = /image slice encoded in (\d+(?:\.\d+)?) ms/.exec(line);
      if (match) total = (total ?? 0) + Number(match[1]);
    },
    take() {
      const value = total;
      total = null;
      return value;
    },
  };
}

/** Decode speed from a measure: tokens after the first, over the time they took. */
export function decodeTokensPerSecond(run: RunMeasure): number {
  return run.decodedTokens > 1 && run.decodeMs > 0 ? ((run.decodedTokens - 1) * 1000) / run.decodeMs : Number.NaN;
}

export function promptTokensPerSecond(run: RunMeasure): number {
  return run.ttftMs > 0 ? (run.promptTokens * 1000) / run.ttftMs : Number.NaN;
}
