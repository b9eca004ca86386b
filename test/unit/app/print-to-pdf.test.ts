import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Electron's window and session, as far as printing uses them (Electron itself cannot run here). */
const electron = vi.hoisted(() => {
  const state = {
    filter: null as null | ((details: { url: string }, callback: (answer: { cancel: boolean }) => void) => void),
    partitions: [] as string[],
    windows: [] as Array<{
      options: { show: boolean; webPreferences: Record<string, unknown> };
      loaded: string[];
      destroyed: boolean;
      printed: unknown[];
    }>,
    loadedPage: '' as string,
    printResult: (): Promise<Uint8Array> => Promise.resolve(new Uint8Array([37, 80, 68, 70])),
  };
  class BrowserWindow {
    record: (typeof state.windows)[number];
    webContents: { printToPDF: (options: unknown) => Promise<Uint8Array> };
    constructor(options: (typeof state.windows)[number]['options']) {
      this.record = { options, loaded: [], destroyed: false, printed: [] };
      state.windows.push(this.record);
      this.webContents = {
        printToPDF: (printOptions) => {
          this.record.printed.push(printOptions);
          return state.printResult();
        },
      };
    }
    async loadURL(url: string) {
      this.record.loaded.push(url);
      state.loadedPage = readFileSync(fileURLToPath(url), 'utf8');
    }
    isDestroyed() {
      return this.record.destroyed;
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  const session = {
    fromPartition: (name: string) => {
      state.partitions.push(name);
      return { webRequest: { onBeforeRequest: (filter: typeof state.filter) => (state.filter = filter) } };
    },
  };
  return { state, BrowserWindow, session };
});
vi.mock('electron', () => ({ BrowserWindow: electron.BrowserWindow, session: electron.session }));

const { PRINT_PARTITION, printHtmlToPdf } = await import('../../../electron/app/print-to-pdf');
const { state } = electron;

const allowed = (url: string): boolean => {
  let cancel = true;
  state.filter?.({ url }, (answer) => (cancel = answer.cancel));
  return !cancel;
};

describe("the desktop app's PDF printer", () => {
  beforeEach(() => {
    state.windows.length = 0;
    state.printResult = () => Promise.resolve(new Uint8Array([37, 80, 68, 70]));
  });

  it('prints the page in a hidden window without JavaScript, in an in-memory session of its own, A4 with the margins of the other shells', async () => {
    const bytes = await printHtmlToPdf('<h1>Harbour towns</h1>');
    expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF');
    expect(state.partitions.every((name) => name === PRINT_PARTITION && !name.startsWith('persist:'))).toBe(true);
    const [window] = state.windows;
    expect(window?.options.show).toBe(false);
    expect(window?.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(state.loadedPage).toBe('<h1>Harbour towns</h1>');
    expect(window?.printed).toEqual([
      { pageSize: 'A4', printBackground: true, margins: { top: 18 / 25.4, bottom: 18 / 25.4, left: 16 / 25.4, right: 16 / 25.4 } },
    ]);
    expect(window?.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(window?.loaded[0] ?? 'file:///missing'))).toBe(false);
  });

  it('lets the page load only itself and data: URLs while it prints, and nothing once printed', async () => {
    let page = '';
    let duringPrint: Record<string, boolean> = {};
    state.printResult = async () => {
      page = state.windows[0]?.loaded[0] ?? '';
      duringPrint = Object.fromEntries(
        [page, 'data:image/png;base64,AAAA', 'https://example.org/tracker.png', 'file:///etc/passwd'].map((url) => [url, allowed(url)]),
      );
      return new Uint8Array([37]);
    };
    await printHtmlToPdf('<p>x</p>');
    expect(Object.values(duringPrint)).toEqual([true, true, false, false]);
    expect(allowed(page)).toBe(false);
  });

  it('destroys the window and removes the page when printing fails or is cancelled', async () => {
    state.printResult = () => Promise.reject(new Error('renderer gone'));
    await expect(printHtmlToPdf('<p>x</p>')).rejects.toThrow('renderer gone');
    const controller = new AbortController();
    state.printResult = () => {
      controller.abort();
      return Promise.reject(new Error('window destroyed'));
    };
    await expect(printHtmlToPdf('<p>y</p>', controller.signal)).rejects.toThrow();
    for (const window of state.windows) {
      expect(window.destroyed).toBe(true);
      expect(existsSync(fileURLToPath(window.loaded[0] ?? 'file:///missing'))).toBe(false);
    }
  });
});
