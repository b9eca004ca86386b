/**
 * Failure reports written at most `burst` times per place in each window; the rest are counted
 * and summed up in one line when the window ends. A flood of refused WebSocket frames grew the
 * server's stderr by 178 KB/s. Places are few (a request's path is one), and past `MAX_PLACES`
 * the rest share one count, so the table cannot grow with an attacker's paths either.
 */
import type { ReportServerError } from './server-log';

const MAX_PLACES = 256;
const OTHER_PLACES = '(other places)';

interface Window {
  written: number;
  held: number;
}

export function rateLimitedReport(report: ReportServerError, burst = 5, windowMs = 10_000): ReportServerError {
  const windows = new Map<string, Window>();
  return (where, error) => {
    const place = windows.has(where) || windows.size < MAX_PLACES ? where : OTHER_PLACES;
    let window = windows.get(place);
    if (!window) {
      const opened: Window = { written: 0, held: 0 };
      window = opened;
      windows.set(place, opened);
      // The window ends by itself, so a flood that stops is still summed up.
      setTimeout(() => {
        windows.delete(place);
        if (opened.held > 0) report(place, `${opened.held} more like this in the last ${windowMs / 1000} s were not written`);
      }, windowMs).unref();
    }
    if (window.written < burst) {
      window.written++;
      report(place === OTHER_PLACES ? where : place, error);
    } else window.held++;
  };
}
