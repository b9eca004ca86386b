import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLibraryPath } from '../../../electron/studio/library/default-library-path';

describe('defaultLibraryPath', () => {
  it('follows XDG_DATA_HOME on Linux, else ~/.local/share', () => {
    expect(defaultLibraryPath({ XDG_DATA_HOME: '/data' }, 'linux')).toBe(path.join('/data', 'folio', 'library.sqlite'));
    expect(defaultLibraryPath({ XDG_DATA_HOME: 'relative/ignored' }, 'linux')).toBe(
      path.join(os.homedir(), '.local', 'share', 'folio', 'library.sqlite'),
    );
    expect(defaultLibraryPath({}, 'linux')).toBe(path.join(os.homedir(), '.local', 'share', 'folio', 'library.sqlite'));
  });

  it('uses the application-data folder on macOS and Windows', () => {
    expect(defaultLibraryPath({}, 'darwin')).toBe(path.join(os.homedir(), 'Library', 'Application Support', 'Folio', 'library.sqlite'));
    expect(defaultLibraryPath({ APPDATA: 'C:\\Users\\w\\AppData\\Roaming' }, 'win32')).toBe(
      path.join('C:\\Users\\w\\AppData\\Roaming', 'Folio', 'library.sqlite'),
    );
  });
});
