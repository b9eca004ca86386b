/**
 * The native open and save dialogs behind the Studio API's pickPath, one kind per purpose.
 * Projects are folders named *.folio: opened as folders, saved under a name that gets the
 * extension when the writer leaves it off.
 */
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { ARTICLE_EXTENSIONS } from '../contract/import-formats';
import type { PickPurpose } from '../contract/studio-api';

const GGUF = [{ name: 'GGUF model files', extensions: ['gguf'] }];

export type PathDialog = { kind: 'open'; options: OpenDialogOptions } | { kind: 'save'; options: SaveDialogOptions; extension?: string };

export function pathDialogFor(purpose: PickPurpose, defaultPath?: string): PathDialog {
  const where = defaultPath ? { defaultPath } : {};
  switch (purpose) {
    case 'decoder':
      return { kind: 'open', options: { ...where, title: 'Choose the model file', properties: ['openFile'], filters: GGUF } };
    case 'projector':
      return {
        kind: 'open',
        options: { ...where, title: 'Choose the vision projector (mmproj) file', properties: ['openFile'], filters: GGUF },
      };
    case 'library-folder':
      return { kind: 'open', options: { ...where, title: 'Choose your picture folder', properties: ['openDirectory'] } };
    case 'open-project':
      return { kind: 'open', options: { ...where, title: 'Open a project (a .folio folder)', properties: ['openDirectory'] } };
    case 'save-project':
      return {
        kind: 'save',
        extension: '.folio',
        options: { ...where, title: 'Save the project as', properties: ['createDirectory', 'showOverwriteConfirmation'] },
      };
    case 'export':
      return {
        kind: 'save',
        options: { ...where, title: 'Export the article', properties: ['createDirectory', 'showOverwriteConfirmation'] },
      };
    case 'benchmark':
      return {
        kind: 'open',
        options: {
          ...where,
          title: 'Choose the benchmark file',
          properties: ['openFile'],
          filters: [{ name: 'Benchmark files (TSV)', extensions: ['tsv'] }],
        },
      };
    case 'checkpoint-folder':
      return { kind: 'open', options: { ...where, title: 'Choose the checkpoint folder', properties: ['openDirectory'] } };
    case 'import-article':
      return {
        kind: 'open',
        options: {
          ...where,
          title: 'Import an article',
          properties: ['openFile'],
          filters: [{ name: 'Markdown or text', extensions: [...ARTICLE_EXTENSIONS] }],
        },
      };
  }
}

export async function pickPath(
  window: BrowserWindow | null,
  request: { purpose: PickPurpose; defaultPath?: string },
): Promise<string | null> {
  const chosen = pathDialogFor(request.purpose, request.defaultPath);
  if (chosen.kind === 'open') {
    const result = window ? await dialog.showOpenDialog(window, chosen.options) : await dialog.showOpenDialog(chosen.options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }
  const result = window ? await dialog.showSaveDialog(window, chosen.options) : await dialog.showSaveDialog(chosen.options);
  if (result.canceled || !result.filePath) return null;
  return chosen.extension && !result.filePath.toLowerCase().endsWith(chosen.extension)
    ? result.filePath + chosen.extension
    : result.filePath;
}
