/**
 * Electron main: one instance, one window, the studio service behind IPC.
 * - The StudioService keeps its data in the platform's user-data folder and starts the model
 *   host as a utilityProcess (the bundle .vite/build/host-main.cjs beside this one).
 * - The page comes from app://folio/ (dist/renderer inside the app), or from Vite's dev server
 *   under `electron-forge start`; pictures from folio://.
 * - Quitting waits for the service to close (jobs cancelled, model host stopped, library closed).
 * - PDF exports are printed here, with Electron's printToPDF (print-to-pdf.ts).
 * This file is bundled as CommonJS (.vite/build/main.cjs), hence __dirname.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, session } from 'electron';
import { StudioService } from '../studio/service/studio-service';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, originOf } from './app-origin';
import { applicationMenu } from './app-menu';
import { registerAppSchemes, serveAppSchemes } from './app-protocols';
import { createMainWindow } from './main-window';
import { pickPath } from './pick-path';
import { printHtmlToPdf } from './print-to-pdf';
import { STUDIO_EVENT_CHANNEL, STUDIO_REQUEST_CHANNEL, type ShellEvent } from './studio-ipc-channels';
import { createStudioRequestHandler } from './studio-request-handler';
import { utilityHostTransport } from './utility-host-transport';
import { utilityTaskChannel } from './utility-task-process';
import { startTaskProcessesWith } from '../../native-models/process-channel';
import { secureContents, secureSession } from './web-security';

/** Set by Forge's Vite plugin: the renderer's dev server under `electron-forge start`, else undefined. */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;

/** How long quitting waits for the studio to close before it goes anyway. */
const CLOSE_GRACE_MS = 10_000;

const devServerUrl =
  typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL ? MAIN_WINDOW_VITE_DEV_SERVER_URL : null;
const appOrigin = (devServerUrl && originOf(devServerUrl)) || APP_ORIGIN;
const onAppOrigin = (url: string): boolean => isAppUrl(url, appOrigin);

let mainWindow: BrowserWindow | null = null;
let service: StudioService | null = null;
let closed = false;

function sendToPage(event: ShellEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(STUDIO_EVENT_CHANNEL, event);
}

function openWindow(): void {
  mainWindow = createMainWindow({ preload: path.join(__dirname, 'preload.cjs'), entryUrl: devServerUrl ?? APP_ENTRY_URL });
  mainWindow.on('closed', () => (mainWindow = null));
}

async function startStudio(): Promise<void> {
  // A model file's chat template renders in a process of its own (native-models/process-channel.ts).
  startTaskProcessesWith(utilityTaskChannel);
  secureSession(session.defaultSession, { isAppUrl: onAppOrigin, dev: devServerUrl !== null });
  const studio = await StudioService.create({
    dataDir: app.getPath('userData'),
    shell: 'electron',
    startModelHost: () => utilityHostTransport(path.join(__dirname, 'host-main.cjs')),
    pickPath: (request) => pickPath(mainWindow, request),
    printPdf: printHtmlToPdf,
  });
  service = studio;
  serveAppSchemes({ rendererDir: path.join(app.getAppPath(), 'dist', 'renderer'), media: studio });
  ipcMain.handle(
    STUDIO_REQUEST_CHANNEL,
    createStudioRequestHandler({
      trustedContents: () => mainWindow?.webContents ?? null,
      isAppUrl: onAppOrigin,
      handle: (method, params) => studio.handle(method, params),
    }),
  );
  studio.onEvent(sendToPage);
  Menu.setApplicationMenu(
    applicationMenu({ dev: devServerUrl !== null, send: (command) => sendToPage({ type: 'menu-command', command }) }),
  );
  openWindow();
}

async function closeStudio(): Promise<void> {
  const closing = service?.close() ?? Promise.resolve();
  await Promise.race([closing.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
}

registerAppSchemes();
app.enableSandbox();
app.setAboutPanelOptions({ applicationName: 'Folio', copyright: 'An offline studio for illustrated articles' });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => secureContents(contents, onAppOrigin));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (service && BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closed = true;
    void closeStudio().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(startStudio)
    .catch((error: unknown) => {
      dialog.showErrorBox('Folio could not start', error instanceof Error ? (error.stack ?? error.message) : String(error));
      closed = true;
      app.quit();
    });
}
