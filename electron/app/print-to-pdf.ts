/**
 * PDF export in the desktop app: Electron's own printToPDF, since a writer's machine has no
 * Chromium for the export worker to drive. The self-contained HTML export (its pictures inside
 * it as data: URLs) is written to a private temporary file and shown in a hidden window that runs
 * no JavaScript, in a session of its own kept in memory, where every request but that file and
 * data: URLs is refused; the window and the file go as soon as the PDF is made, or the export is
 * cancelled.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session, type Session } from 'electron';

/** No "persist:" prefix: nothing of it is written to disk. */
export const PRINT_PARTITION = 'folio-print';
/** The headless server's margins (html-to-pdf.ts), in inches as printToPDF wants them. */
const MARGINS_INCHES = { top: 18 / 25.4, bottom: 18 / 25.4, left: 16 / 25.4, right: 16 / 25.4 };

/** The files being printed now: the only file: URLs the print session loads. */
const printing = new Set<string>();
let guarded = false;

function printSession(): Session {
  const printer = session.fromPartition(PRINT_PARTITION);
  if (!guarded) {
    printer.webRequest.onBeforeRequest((details, callback) =>
      callback({ cancel: !(printing.has(details.url) || details.url.startsWith('data:')) }),
    );
    guarded = true;
  }
  return printer;
}

export async function printHtmlToPdf(html: string, signal?: AbortSignal): Promise<Uint8Array> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'folio-print-'));
  const file = path.join(dir, 'article.html');
  const fileUrl = pathToFileURL(file).href;
  await writeFile(file, html, { mode: 0o600 });
  printing.add(fileUrl);
  const window = new BrowserWindow({
    show: false,
    // Spelt out as main-window.ts does, not shared through a constant: npm run check:electron
    // (electronegativity) reads these options where the window is made, and fails on a spread.
    webPreferences: {
      session: printSession(),
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const cancel = (): void => {
    if (!window.isDestroyed()) window.destroy();
  };
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    await window.loadURL(fileUrl);
    if (signal?.aborted) throw new Error('cancelled');
    return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, margins: MARGINS_INCHES });
  } finally {
    signal?.removeEventListener('abort', cancel);
    cancel();
    printing.delete(fileUrl);
    await rm(dir, { recursive: true, force: true });
  }
}
