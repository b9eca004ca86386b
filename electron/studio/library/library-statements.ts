/** The library's SQL, prepared once per connection, each statement typed by what it binds and returns. */
import type { LibraryDatabase } from './open-library-database';
import type { FileFacts, KnownFile, LibraryImage } from './library-records';

interface FileRow extends FileFacts {
  status: KnownFile['status'];
  imageId: number | null;
  skipReason: KnownFile['skipReason'];
}

const FILE_COLUMNS =
  'files.path, files.byte_size AS byteSize, files.mtime_ms AS mtimeMs, files.status, files.image_id AS imageId, files.skip_reason AS skipReason';
const IMAGE_COLUMNS = 'id, sha256, path, format, width, height, caption, indexed_at AS indexedAt';

export function prepareStatements(db: LibraryDatabase) {
  return {
    filesBetween: db.prepare<[string, string], KnownFile>(
      `SELECT ${FILE_COLUMNS}, images.sha256, images.embedding IS NOT NULL AS hasVector FROM files LEFT JOIN images ON images.id = files.image_id
       WHERE files.path >= ? AND files.path < ?`,
    ),
    fileByPath: db.prepare<[string], FileRow>(`SELECT ${FILE_COLUMNS} FROM files WHERE path = ?`),
    anyFileOfImage: db.prepare<[number], { path: string }>('SELECT path FROM files WHERE image_id = ? ORDER BY path LIMIT 1'),
    upsertFile: db.prepare<[FileRow]>(
      `INSERT INTO files (path, byte_size, mtime_ms, status, image_id, skip_reason) VALUES (@path, @byteSize, @mtimeMs, @status, @imageId, @skipReason)
       ON CONFLICT (path) DO UPDATE SET byte_size = excluded.byte_size, mtime_ms = excluded.mtime_ms, status = excluded.status,
         image_id = excluded.image_id, skip_reason = excluded.skip_reason`,
    ),
    updateFileFacts: db.prepare<[FileFacts]>('UPDATE files SET byte_size = @byteSize, mtime_ms = @mtimeMs WHERE path = @path'),
    promoteFile: db.prepare<[string]>("UPDATE files SET status = 'indexed' WHERE path = ?"),
    deleteFile: db.prepare<[string]>('DELETE FROM files WHERE path = ?'),

    imageIdByHash: db.prepare<[string], { id: number }>('SELECT id FROM images WHERE sha256 = ?'),
    imageById: db.prepare<[number], LibraryImage>(`SELECT ${IMAGE_COLUMNS} FROM images WHERE id = ?`),
    imageCount: db.prepare<[], { count: number }>('SELECT count(*) AS count FROM images'),
    insertImage: db.prepare<
      [
        {
          sha256: string;
          path: string;
          byteSize: number;
          format: string;
          width: number;
          height: number;
          caption: string;
          embedding: Buffer | null;
          indexedAt: number;
        },
      ],
      { id: number }
    >(
      `INSERT INTO images (sha256, path, byte_size, format, width, height, caption, embedding, indexed_at)
       VALUES (@sha256, @path, @byteSize, @format, @width, @height, @caption, @embedding, @indexedAt) RETURNING id`,
    ),
    setImagePath: db.prepare<[string, number]>('UPDATE images SET path = ? WHERE id = ?'),
    deleteImage: db.prepare<[number]>('DELETE FROM images WHERE id = ?'),
    setCaption: db.prepare<[string, number]>('UPDATE images SET caption = ? WHERE id = ?'),
    setTextCaption: db.prepare<[string, number]>('UPDATE image_text SET caption = ? WHERE rowid = ?'),
    uncaptionedCount: db.prepare<[], { count: number }>("SELECT count(*) AS count FROM images WHERE caption = ''"),
    uncaptioned: db.prepare<[number], { id: number }>("SELECT id FROM images WHERE caption = '' ORDER BY id LIMIT ?"),
    // Fewest failures first, so one picture that keeps failing never holds up the rest.
    nextToCaption: db.prepare<[number], { id: number }>(
      "SELECT id FROM images WHERE caption = '' AND caption_tries < ? ORDER BY caption_tries, id LIMIT 1",
    ),
    captionFailures: db.prepare<[number], { count: number }>(
      "SELECT count(*) AS count FROM images WHERE caption = '' AND caption_tries >= ?",
    ),
    countCaptionFailure: db.prepare<[number]>('UPDATE images SET caption_tries = caption_tries + 1 WHERE id = ?'),

    embeddedIds: db.prepare<[], { id: number }>('SELECT id FROM images WHERE embedding IS NOT NULL'),
    embeddingOf: db.prepare<[number], { embedding: Buffer }>('SELECT embedding FROM images WHERE id = ? AND embedding IS NOT NULL'),
    allEmbeddings: db.prepare<[], { id: number; embedding: Buffer }>('SELECT id, embedding FROM images WHERE embedding IS NOT NULL'),
    setEmbedding: db.prepare<[Buffer, number]>('UPDATE images SET embedding = ? WHERE id = ?'),
    clearEmbeddings: db.prepare<[]>('UPDATE images SET embedding = NULL'),

    insertText: db.prepare<[number, string, string]>('INSERT INTO image_text (rowid, caption, file_words) VALUES (?, ?, ?)'),
    setFileWords: db.prepare<[string, number]>('UPDATE image_text SET file_words = ? WHERE rowid = ?'),
    deleteText: db.prepare<[number]>('DELETE FROM image_text WHERE rowid = ?'),
    // Captions weigh a little more than file names; bm25 is lower-is-better.
    textSearch: db.prepare<[string, string, number], { id: number }>(
      `SELECT rowid AS id FROM image_text WHERE image_text MATCH ? AND rowid NOT IN (SELECT value FROM json_each(?))
       ORDER BY bm25(image_text, 1.0, 0.75) LIMIT ?`,
    ),

    folders: db.prepare<[], { path: string; addedAt: number; indexedAt: number | null }>(
      'SELECT path, added_at AS addedAt, indexed_at AS indexedAt FROM folders ORDER BY path',
    ),
    addFolder: db.prepare<[string, number]>('INSERT INTO folders (path, added_at) VALUES (?, ?) ON CONFLICT (path) DO NOTHING'),
    markFolderIndexed: db.prepare<[number, string]>('UPDATE folders SET indexed_at = ? WHERE path = ?'),
    deleteFolder: db.prepare<[string]>('DELETE FROM folders WHERE path = ?'),
    fileCountsBetween: db.prepare<[string, string], { status: KnownFile['status']; count: number }>(
      'SELECT status, count(*) AS count FROM files WHERE path >= ? AND path < ? GROUP BY status',
    ),
    skippedBetween: db.prepare<[string, string, number], { path: string; skipReason: KnownFile['skipReason'] }>(
      "SELECT path, skip_reason AS skipReason FROM files WHERE path >= ? AND path < ? AND status = 'skipped' ORDER BY path LIMIT ?",
    ),

    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM library_meta WHERE key = ?'),
    setMeta: db.prepare<[string, string]>(
      'INSERT INTO library_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    deleteMeta: db.prepare<[]>("DELETE FROM library_meta WHERE key IN ('embedding_model', 'embedding_dimensions')"),
  };
}

export type LibraryStatements = ReturnType<typeof prepareStatements>;
