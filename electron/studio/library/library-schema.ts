/**
 * The library's tables, one migration per schema version. A database made by a newer Folio is
 * refused rather than altered.
 *
 * - `images`: one row per distinct picture content (sha256), with its caption (empty until the
 *   vision-language model has written one) and, from schema 2 on, the picture's embedding from
 *   the image-embedding model (Float32, little-endian, unit length). `path` is where it is shown from.
 * - `files`: every file the indexer has seen: its size and mtime (to skip unchanged files with a
 *   stat), and whether it is the image's shown path ('indexed'), another copy ('duplicate'),
 *   or unusable ('skipped', with the reason).
 * - `image_text`: full-text index over captions and file-name words; rowid = images.id.
 * - `library_meta`: which model made the embeddings, so vectors from different models never mix.
 * - `folders` (schema 2): the folders the writer indexed, and when each was last brought up to date.
 * - `images.caption_tries` (schema 3): how often the background captioner failed on a picture
 *   (unreadable, an empty answer, a model error); it stops trying after CAPTION_TRIES.
 *
 * Schema 1 stored embeddings of the captions made by the language model itself; schema 2 drops
 * them (they are not in the picture model's space) and keeps the captions, so an existing
 * library keeps its words and gets picture embeddings at its next index.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE images (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    format TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    caption TEXT NOT NULL,
    embedding BLOB,
    indexed_at INTEGER NOT NULL
  );
  CREATE TABLE files (
    path TEXT PRIMARY KEY,
    byte_size INTEGER NOT NULL,
    mtime_ms INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('indexed', 'duplicate', 'skipped')),
    image_id INTEGER REFERENCES images(id),
    skip_reason TEXT,
    CHECK ((status = 'skipped') = (image_id IS NULL))
  ) WITHOUT ROWID;
  CREATE INDEX files_by_image ON files(image_id);
  CREATE VIRTUAL TABLE image_text USING fts5(caption, file_words, tokenize = 'porter unicode61 remove_diacritics 2');
  CREATE TABLE library_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  `
  UPDATE images SET embedding = NULL;
  DELETE FROM library_meta WHERE key IN ('embedding_model', 'embedding_dimensions');
  CREATE TABLE folders (
    path TEXT PRIMARY KEY,
    added_at INTEGER NOT NULL,
    indexed_at INTEGER
  ) WITHOUT ROWID;
  `,
  `
  ALTER TABLE images ADD COLUMN caption_tries INTEGER NOT NULL DEFAULT 0;
  `,
];

/** Failures after which the background captioner leaves a picture without a caption. */
export const CAPTION_TRIES = 3;

export const SCHEMA_VERSION = MIGRATIONS.length;
