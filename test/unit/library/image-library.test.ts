import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ImageLibrary, type NewImage } from '../../../electron/studio/library/image-library';
import { LibraryError } from '../../../electron/studio/library/library-error';
import { SCHEMA_VERSION } from '../../../electron/studio/library/library-schema';

const open: ImageLibrary[] = [];
afterEach(() => open.splice(0).forEach((library) => library.close()));

function newLibrary(file = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-db-')), 'library.sqlite')): ImageLibrary {
  const library = ImageLibrary.open(file);
  open.push(library);
  return library;
}

const file = (filePath: string) => ({ path: filePath, byteSize: 100, mtimeMs: 1_700_000_000_000 });
const image = (sha: string, caption: string, vector: number[] | null = [1, 0, 0]): NewImage => ({
  sha256: sha.padEnd(64, '0'),
  byteSize: 100,
  format: 'png',
  width: 10,
  height: 20,
  caption,
  embedding: vector ? { model: 'fake', vector } : null,
});

function openError(filePath: string): LibraryError {
  try {
    ImageLibrary.open(filePath).close();
  } catch (error) {
    expect(error).toBeInstanceOf(LibraryError);
    return error as LibraryError;
  }
  throw new Error('expected the library to be refused');
}

describe('ImageLibrary database', () => {
  it('is a WAL-mode SQLite file with a schema version, and stores embeddings as Float32', () => {
    const library = newLibrary();
    library.addImage(file('/p/a.png'), image('a', 'a kite', [0.6, 0.8, 0]));
    const raw = new Database(library.file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SCHEMA_VERSION });
    const row = raw.prepare('SELECT embedding, caption, path FROM images').get() as { embedding: Buffer; caption: string; path: string };
    raw.close();
    expect(row.caption).toBe('a kite');
    expect([...new Float32Array(new Uint8Array(row.embedding).buffer)]).toEqual([Math.fround(0.6), Math.fround(0.8), 0]);
  });

  it('opens an existing library again with its contents', () => {
    const first = newLibrary();
    first.addImage(file('/p/a.png'), image('a', 'a kite'));
    const again = newLibrary(first.file);
    expect(again.imageCount()).toBe(1);
  });

  it('refuses a file that is not a library as damaged, with a message a writer can act on', () => {
    const notADatabase = path.join(mkdtempSync(path.join(os.tmpdir(), 'folio-db-')), 'library.sqlite');
    writeFileSync(notADatabase, 'this is not a database at all, just some text that is long enough'.repeat(20));
    const error = openError(notADatabase);
    expect(error.code).toBe('database-corrupt');
    expect(error.message).toMatch(/damaged or is not a Folio library/);
  });

  it('refuses a library made by a newer Folio instead of altering it', () => {
    const library = newLibrary();
    const raw = new Database(library.file);
    raw.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    raw.close();
    expect(openError(library.file).message).toMatch(/newer version of Folio/);
  });

  it('keeps a picture while any copy remains, showing a remaining copy', () => {
    const library = newLibrary();
    const id = library.addImage(file('/p/holiday/kite.png'), image('a', 'a kite'));
    library.addDuplicate(file('/p/backup/copy.png'), id);
    expect(library.forgetFiles(['/p/holiday/kite.png'])).toBe(0);
    expect(library.imageById(id)?.path).toBe('/p/backup/copy.png');
    // The file-name words follow the shown copy.
    expect(library.textMatches('"backup"', 4, new Set())).toEqual([id]);
    expect(library.textMatches('"holiday"', 4, new Set())).toEqual([]);
    expect(library.forgetFiles(['/p/backup/copy.png'])).toBe(1);
    expect(library.imageCount()).toBe(0);
    expect(library.textMatches('"kite"', 4, new Set())).toEqual([]);
  });

  it('lists the files under a folder only, not a folder that merely starts with the same name', () => {
    const library = newLibrary();
    library.addImage(file('/p/pics/a.png'), image('a', 'one'));
    library.addImage(file('/p/pics-old/b.png'), image('b', 'two'));
    library.recordSkip(file('/p/pics/sub/broken.jpg'), 'image-broken');
    expect([...library.filesUnder('/p/pics').keys()].sort()).toEqual(['/p/pics/a.png', '/p/pics/sub/broken.jpg']);
    expect(library.filesUnder('/p/pics').get('/p/pics/sub/broken.jpg')).toMatchObject({
      status: 'skipped',
      skipReason: 'image-broken',
      sha256: null,
    });
  });

  it('sees pictures another process added or removed since its last search', () => {
    const reader = newLibrary();
    const writer = newLibrary(reader.file);
    writer.addImage(file('/p/a.png'), image('a', 'first'));
    expect(reader.similarImages([1, 0, 0], 4, new Set()).map((hit) => hit.id)).toHaveLength(1);
    const second = writer.addImage(file('/p/b.png'), image('b', 'second', [0.9, 0.1, 0]));
    expect(reader.similarImages([1, 0, 0], 4, new Set()).map((hit) => hit.id)).toContain(second);
    writer.forgetFiles(['/p/b.png']);
    expect(reader.similarImages([1, 0, 0], 4, new Set()).map((hit) => hit.id)).not.toContain(second);
  });

  it('refuses embeddings of a second model mixed into the first one', () => {
    const library = newLibrary();
    library.addImage(file('/p/a.png'), image('a', 'one'));
    expect(() => library.addImage(file('/p/b.png'), { ...image('b', 'two'), embedding: { model: 'other', vector: [1, 0, 0] } })).toThrow(
      /re-embed/,
    );
    expect(library.imageCount()).toBe(1);
  });
});
