import { Node } from '@tiptap/core';

/** The document's schema version, kept on the doc node so getJSON() is a saveable ArticleDocument. */
export const SCHEMA_VERSION = 2;

/**
 * The top node: blocks and figures, with the `schemaVersion` attribute the project files carry.
 * Figures have a group of their own, so lists and quotes (which hold `block`s) cannot take one.
 */
export const ArticleDocumentNode = Node.create({
  name: 'doc',
  topNode: true,
  content: '(block | figure)+',
  addAttributes() {
    return { schemaVersion: { default: SCHEMA_VERSION, rendered: false } };
  },
});
