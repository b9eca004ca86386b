import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/**
 * The Chromium (or Chrome) that prints PDFs in the headless server and the CLI: $FOLIO_CHROMIUM
 * when set, else the first of the usual names on PATH (what `command -v chromium` finds).
 * The desktop app prints with Electron's own printToPDF instead.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.FOLIO_CHROMIUM) return env.FOLIO_CHROMIUM;
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of NAMES) {
      const file = path.join(dir, process.platform === 'win32' ? `${name}.exe` : name);
      try {
        accessSync(file, constants.X_OK);
        return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}
