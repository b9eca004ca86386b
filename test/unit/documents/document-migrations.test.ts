import { describe, expect, it } from 'vitest';
import { DOCUMENT_SCHEMA_VERSION } from '../../../electron/studio/documents/article-document';
import { migrateDocument, type DocumentMigration } from '../../../electron/studio/documents/document-migrations';
import { parseDocument } from '../../../electron/studio/documents/parse-document';

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('document migrations', () => {
  it('stamps a bare Tiptap document (version 0) with the current version', () => {
    const { document, fromVersion } = parseDocument(
      bytes({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }] }),
    );
    expect(fromVersion).toBe(0);
    expect(document).toEqual({
      type: 'doc',
      attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION },
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }],
    });
  });

  it('applies each step in order, from the declared version to the current one', () => {
    const steps: string[] = [];
    const table: Record<number, DocumentMigration> = {
      1: (document) => (steps.push('1→2'), { ...document, attrs: { schemaVersion: 2 }, renamed: true }),
      2: (document) => (steps.push('2→3'), { ...document, attrs: { schemaVersion: 3 } }),
    };
    const { document } = migrateDocument({ type: 'doc', attrs: { schemaVersion: 1 }, content: [] }, table, 3);
    expect(steps).toEqual(['1→2', '2→3']);
    expect(document).toEqual({ type: 'doc', attrs: { schemaVersion: 3 }, content: [], renamed: true });
  });

  it('refuses a version with no way forward, and a newer one', () => {
    expect(() => migrateDocument({ type: 'doc', attrs: { schemaVersion: 1 }, content: [] }, { 2: (d) => d }, 3)).toThrow(
      expect.objectContaining({
        code: 'schema-unsupported',
        message: 'This project uses an old document format (1) that this version of Folio can no longer read.',
      }),
    );
    expect(() => migrateDocument({ type: 'doc', attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION + 1 }, content: [] })).toThrow(
      expect.objectContaining({ code: 'schema-too-new' }),
    );
    expect(() => migrateDocument({ type: 'doc', attrs: { schemaVersion: -1 }, content: [] })).toThrow(
      expect.objectContaining({ code: 'document-invalid' }),
    );
  });

  it('fills in figure fields an older file left out', () => {
    const { document } = parseDocument(
      bytes({ type: 'doc', attrs: { schemaVersion: 1 }, content: [{ type: 'figure', attrs: { assetId: null } }] }),
    );
    expect(document.content[0]).toEqual({
      type: 'figure',
      attrs: { assetId: null, caption: '', alt: '', provenance: null, slotTitle: '', candidates: [], chosen: null, emptyReason: null },
    });
  });

  it('names the block that is wrong', () => {
    const wrong = { type: 'doc', attrs: { schemaVersion: 1 }, content: [{ type: 'paragraph' }, { type: 'heading', attrs: {} }] };
    expect(() => parseDocument(bytes(wrong))).toThrow(
      'document.json is not a valid Folio document: block 2 (a heading): level is missing.',
    );
  });
});
