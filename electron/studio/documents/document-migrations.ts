/**
 * Older documents are brought up to the current schema one version at a time:
 * `DOCUMENT_MIGRATIONS[v]` turns a version-v document into version v+1. A document newer than
 * this build is refused (opening it could drop what the newer version added), never guessed at.
 */
import { DOCUMENT_SCHEMA_VERSION } from './article-document';
import { ProjectError } from './project-error';

type JsonObject = Record<string, unknown>;
export type DocumentMigration = (document: JsonObject) => JsonObject;

const DOCUMENT_MIGRATIONS: Readonly<Record<number, DocumentMigration>> = {
  /** Version 0: a bare Tiptap document (`editor.getJSON()`), before the studio stamped a version. */
  0: (document) => stamp(document, 1),
  /** Version 1: paragraphs, headings and figures in plain text. Version 2 only adds marks, lists and quotes. */
  1: (document) => stamp(document, 2),
};

function stamp(document: JsonObject, version: number): JsonObject {
  return { ...document, attrs: { ...asObject(document.attrs), schemaVersion: version } };
}

/** The version a document declares: `attrs.schemaVersion`, or 0 for a bare Tiptap document. */
function declaredVersion(document: JsonObject): number | null {
  const attrs = document.attrs;
  if (attrs === undefined || (isObject(attrs) && attrs.schemaVersion === undefined)) return 0;
  const version = isObject(attrs) ? attrs.schemaVersion : undefined;
  return Number.isSafeInteger(version) && (version as number) >= 0 ? (version as number) : null;
}

export function migrateDocument(
  raw: unknown,
  migrations: Readonly<Record<number, DocumentMigration>> = DOCUMENT_MIGRATIONS,
  current: number = DOCUMENT_SCHEMA_VERSION,
): { document: JsonObject; fromVersion: number } {
  if (!isObject(raw) || raw.type !== 'doc')
    throw new ProjectError('document-invalid', 'document.json is not a Folio document.', 'the top level is not {"type": "doc", ...}');
  const fromVersion = declaredVersion(raw);
  if (fromVersion === null)
    throw new ProjectError(
      'document-invalid',
      'document.json is not a Folio document: its schema version is not a number.',
      `attrs.schemaVersion = ${JSON.stringify(asObject(raw.attrs).schemaVersion)}`,
    );
  if (fromVersion > current) {
    throw new ProjectError(
      'schema-too-new',
      `This project was saved by a newer version of Folio (document format ${fromVersion}; this version reads up to ${current}). Update Folio to open it.`,
    );
  }
  let document = raw;
  for (let version = fromVersion; version < current; version++) {
    const migration = migrations[version];
    if (!migration)
      throw new ProjectError(
        'schema-unsupported',
        `This project uses an old document format (${fromVersion}) that this version of Folio can no longer read.`,
        `no migration from version ${version}`,
      );
    document = migration(document);
  }
  return { document, fromVersion };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): JsonObject {
  return isObject(value) ? value : {};
}
