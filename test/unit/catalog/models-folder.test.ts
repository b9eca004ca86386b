import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInCatalog } from '../../../native-models/catalog/load-catalog';
import { defaultModelsDir, entryPaths } from '../../../native-models/catalog/models-folder';

const home = os.homedir();

describe('defaultModelsDir', () => {
  it("follows each platform's application-data folder", () => {
    expect(defaultModelsDir({}, 'linux')).toBe(path.join(home, '.local', 'share', 'folio', 'models'));
    expect(defaultModelsDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe(path.join('/data', 'folio', 'models'));
    expect(defaultModelsDir({ XDG_DATA_HOME: 'relative' }, 'linux')).toBe(path.join(home, '.local', 'share', 'folio', 'models'));
    expect(defaultModelsDir({}, 'darwin')).toBe(path.join(home, 'Library', 'Application Support', 'Folio', 'models'));
    expect(defaultModelsDir({ APPDATA: '/appdata' }, 'win32')).toBe(path.join('/appdata', 'Folio', 'models'));
  });

  it('FOLIO_MODELS_DIR overrides it everywhere', () => {
    expect(defaultModelsDir({ FOLIO_MODELS_DIR: '/models', XDG_DATA_HOME: '/data' }, 'linux')).toBe(path.resolve('/models'));
    expect(defaultModelsDir({ FOLIO_MODELS_DIR: '/models' }, 'darwin')).toBe(path.resolve('/models'));
  });
});

describe('entryPaths', () => {
  it('gives every entry its own folder, so projectors with the same file name never collide', () => {
    const gemmas = builtInCatalog().entries.filter((entry) => entry.family === 'gemma3');
    const projectors = gemmas.map((entry) => entryPaths('/m', entry).projector);
    expect(new Set(projectors.map((p) => path.basename(p))).size).toBe(1);
    expect(new Set(projectors).size).toBe(gemmas.length);
    expect(projectors[0]).toBe(path.join('/m', gemmas[0]?.id ?? '', 'mmproj-model-f16.gguf'));
  });
});
