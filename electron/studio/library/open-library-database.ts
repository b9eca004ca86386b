/**
 * Opens (or creates) the library database: WAL so the app can search while the indexer writes,
 * schema brought up to date, and SQLite's failures turned into errors a writer can act on.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LibraryError } from './library-error';
import { MIGRATIONS, SCHEMA_VERSION } from './library-schema';

export type LibraryDatabase = Database.Database;

export function openLibraryDatabase(file: string): LibraryDatabase {
  let db: LibraryDatabase | undefined;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL survives a killed process; only a power cut may lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // The app and `folio index` may share a library; wait for the other's write to finish.
    db.pragma('busy_timeout = 5000');
    migrate(db, file);
    return db;
  } catch (error) {
    db?.close();
    throw asLibraryError(error, file);
  }
}

function migrate(db: LibraryDatabase, file: string): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare<[], { version: number }>('SELECT version FROM schema_version').get();
  const current = row?.version ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new LibraryError(
      'database-unavailable',
      `The image library was made by a newer version of Folio: ${file}`,
      `schema ${current}, this build knows ${SCHEMA_VERSION}`,
    );
  }
  if (current === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (const migration of MIGRATIONS.slice(current)) db.exec(migration);
    db.prepare('DELETE FROM schema_version').run();
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
  })();
}

/** SQLite's codes for a damaged or foreign file, as opposed to one we cannot reach. */
const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX']);

export function asLibraryError(error: unknown, file: string): LibraryError {
  if (error instanceof LibraryError) return error;
  const code = (error as { code?: string }).code ?? '';
  const detail = error instanceof Error ? `${code} ${error.message}`.trim() : String(error);
  if (CORRUPT_CODES.has(code)) {
    return new LibraryError(
      'database-corrupt',
      `The image library file is damaged or is not a Folio library: ${file}. Move it away and index again.`,
      detail,
    );
  }
  return new LibraryError('database-unavailable', `The image library could not be opened: ${file}`, detail);
}
