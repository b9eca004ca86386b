/**
 * The studio's one window. The page is sandboxed and context-isolated, has no Node, loads no
 * insecure content and runs no experimental web features; the preload gives it window.studio.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, app } from 'electron';

/**
 * The title bar and taskbar icon on Linux and Windows (macOS takes the bundle's icon.icns): the
 * 256 px PNG the renderer build carries (renderer/public, from scripts/make-icons.ts), which is
 * packaged with dist/renderer; under `electron-forge start` the source copy.
 */
function windowIcon(): string | undefined {
  if (process.platform === 'darwin') return undefined;
  const root = app.getAppPath();
  return [path.join(root, 'dist', 'renderer', 'icon-256.png'), path.join(root, 'renderer', 'public', 'icon-256.png')].find((file) =>
    existsSync(file),
  );
}

export function createMainWindow(options: { preload: string; entryUrl: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Folio',
    icon: windowIcon(),
    webPreferences: {
      // Reviewed: the preload exposes only the typed Studio API (preload.ts), never ipcRenderer.
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK
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
      // Middle-click opens links in new windows; the open handler refuses those anyway, and the editor has no use for it.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.entryUrl);
  return window;
}
