import path from 'node:path';
import { defaultLibraryPath } from '../library/default-library-path';

/**
 * The app-data folder of the studio (settings, scratch project, library database):
 * `FOLIO_DATA_DIR` when set (tests, portable installs), otherwise the folder the library
 * database lives in, so the app and `folio index` share one library.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.FOLIO_DATA_DIR) return path.resolve(env.FOLIO_DATA_DIR);
  return path.dirname(defaultLibraryPath(env, platform));
}
