import os from 'node:os';
import path from 'node:path';

/**
 * Where the library lives unless the writer says otherwise: the platform's application-data
 * folder, shared by the app and `folio index`, so a folder indexed from the command line is
 * searchable in the app. Linux follows the XDG base-directory convention.
 */
export function defaultLibraryPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Folio', 'library.sqlite');
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'Folio', 'library.sqlite');
  const dataHome = env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : path.join(home, '.local', 'share');
  return path.join(dataHome, 'folio', 'library.sqlite');
}
