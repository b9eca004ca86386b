/**
 * Progress on stderr: a single redrawn line when stderr is a terminal, plain lines otherwise
 * (logs, CI). Off a terminal a line is printed when the step changes, and a step's changing
 * figures (`detail`: tokens, pace, time left) at most every few seconds, not at every token.
 */
export interface ProgressReporter {
  update(label: string, fraction?: number, detail?: string): void;
  done(message?: string): void;
}

export interface ProgressTiming {
  /** Seconds between lines of one step's figures off a terminal. @default FOLIO_PROGRESS_SECONDS, else 10 */
  intervalSeconds?: number;
  /** Milliseconds, for tests. */
  now?: () => number;
}

const DEFAULT_INTERVAL_SECONDS = 10;

export function progressReporter(stream: NodeJS.WriteStream = process.stderr, timing: ProgressTiming = {}): ProgressReporter {
  const interactive = Boolean(stream.isTTY);
  const intervalMs = 1000 * (timing.intervalSeconds ?? intervalFromEnvironment());
  const now = timing.now ?? Date.now;
  let lastLabel = '';
  let lastLine = '';
  let lastAt = Number.NEGATIVE_INFINITY;
  return {
    update(label, fraction, detail) {
      const line = detail ? `${label}: ${detail}` : label;
      if (interactive) {
        const width = 24;
        const filled = fraction === undefined ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * width);
        const bar = fraction === undefined ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
        stream.write(`\r\u001b[2K${bar}${line}`);
      } else if (label !== lastLabel || (line !== lastLine && now() - lastAt >= intervalMs)) {
        stream.write(`${line}\n`);
        lastLine = line;
        lastAt = now();
      }
      lastLabel = label;
    },
    done(message) {
      if (interactive) stream.write('\r\u001b[2K');
      if (message) stream.write(`${message}\n`);
    },
  };
}

/** FOLIO_PROGRESS_SECONDS: a log that wants every figure says 0. */
function intervalFromEnvironment(): number {
  const value = Number(process.env.FOLIO_PROGRESS_SECONDS);
  return process.env.FOLIO_PROGRESS_SECONDS !== undefined && Number.isFinite(value) && value >= 0 ? value : DEFAULT_INTERVAL_SECONDS;
}
