/**
 * Progress on stderr: a single redrawn line when stderr is a terminal, plain lines otherwise
 * (logs, CI). Only steps are printed as lines, not every token.
 */
export interface ProgressReporter {
  update(label: string, fraction?: number): void;
  done(message?: string): void;
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  const interactive = Boolean(stream.isTTY);
  let lastLabel = '';
  return {
    update(label, fraction) {
      if (interactive) {
        const width = 24;
        const filled = fraction === undefined ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * width);
        const bar = fraction === undefined ? '' : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] `;
        stream.write(`\r\u001b[2K${bar}${label}`);
      } else if (label !== lastLabel) {
        stream.write(`${label}\n`);
      }
      lastLabel = label;
    },
    done(message) {
      if (interactive) stream.write('\r\u001b[2K');
      if (message) stream.write(`${message}\n`);
    },
  };
}
