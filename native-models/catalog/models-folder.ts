import os from 'node:os';
import path from 'node:path';
import type { CatalogEntry } from './catalog-entry';
import { catalogFileName } from './catalog-entry';

/**
 * Where downloaded models live unless the writer says otherwise (`FOLIO_MODELS_DIR` or an
 * option): the platform's application-data folder, beside the library database. Linux
 * follows the XDG base-directory convention.
 */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FOLIO_MODELS_DIR) return path.resolve(env.FOLIO_MODELS_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Folio', 'models');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Folio', 'models');
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(dataHome, 'folio', 'models');
}

/**
 * Each entry gets its own folder: projector file names repeat across repositories
 * (every Gemma 3 projector is `mmproj-model-f16.gguf`).
 */
export function entryPaths(modelsDir: string, entry: CatalogEntry): { decoder: string; projector: string } {
  const dir = path.join(modelsDir, entry.id);
  return { decoder: path.join(dir, catalogFileName(entry.decoder)), projector: path.join(dir, catalogFileName(entry.projector)) };
}
