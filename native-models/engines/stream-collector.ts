import { oneReplacementPerRun, REPLACEMENT_CHARACTER } from './replacement-character';

/**
 * Turns a binding's raw token stream into what the studio sees: text pieces with any stop
 * string cut off, and bytes that are not UTF-8 shown as one U+FFFD per run (what streams and
 * what the answer's text is stay the same). Text that might be the start of a stop string is
 * held back until it is known not to be one, so a stop string never flashes in the UI.
 */
export interface StreamCollector {
  /** Adds a piece; returns true when a stop string has been reached (stop generating). */
  push(piece: string): boolean;
  text(): string;
  /** Everything pushed so far, stop strings included. */
  received(): string;
  readonly stoppedOnString: boolean;
  firstTokenMs(): number | null;
}

export function collectStream(stops: readonly string[], onToken: ((text: string) => void) | undefined, startedAt: number): StreamCollector {
  const activeStops = stops.filter((stop) => stop.length > 0);
  let emitted = '';
  let pending = '';
  let received = '';
  let stopped = false;
  let firstToken: number | null = null;

  const emit = (piece: string): void => {
    const text = oneReplacementPerRun(piece, emitted.endsWith(REPLACEMENT_CHARACTER));
    if (!text) return;
    emitted += text;
    onToken?.(text);
  };

  return {
    push(piece: string): boolean {
      if (stopped) return true;
      if (firstToken === null) firstToken = performance.now() - startedAt;
      received += piece;
      pending += piece;
      for (const stop of activeStops) {
        const at = pending.indexOf(stop);
        if (at >= 0) {
          emit(pending.slice(0, at));
          pending = '';
          stopped = true;
          return true;
        }
      }
      const hold = longestStopPrefixAtEnd(pending, activeStops);
      emit(pending.slice(0, pending.length - hold));
      pending = pending.slice(pending.length - hold);
      return false;
    },
    text(): string {
      // Held-back text that never became a stop string is part of the answer.
      if (!stopped && pending) {
        emit(pending);
        pending = '';
      }
      return emitted;
    },
    received: () => received,
    get stoppedOnString() {
      return stopped;
    },
    firstTokenMs: () => firstToken,
  };
}

function longestStopPrefixAtEnd(text: string, stops: readonly string[]): number {
  let longest = 0;
  for (const stop of stops) {
    for (let length = Math.min(stop.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(stop.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
