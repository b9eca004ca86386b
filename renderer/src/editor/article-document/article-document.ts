import { Node } from '@tiptap/core';

/** The document's schema version, kept on the doc node so getJSON() is a saveable ArticleDocument. */
export const SCHEMA_VERSION = 1;

/** The top node: blocks only, with the `schemaVersion` attribute the project files carry. */
export const ArticleDocumentNode = Node.create({
  name: 'doc',
  topNode: true,
  content: 'block+',
  addAttributes() {
    return { schemaVersion: { default: SCHEMA_VERSION, rendered: false } };
  },
});
