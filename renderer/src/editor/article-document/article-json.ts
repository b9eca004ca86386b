import type { JSONContent } from '@tiptap/core';
import type { ArticleDocument } from '@contract/studio-api';
import { SCHEMA_VERSION } from './article-document';

/**
 * The editor's JSON as the document the studio saves (the editor only knows the article's node
 * types). It is in the editor's schema whatever version it was loaded from: an older document
 * saved with new marks must not claim the old version, which does not allow them.
 */
export function fromEditorJson(json: JSONContent): ArticleDocument {
  const content = (json.content ?? []) as ArticleDocument['content'];
  return { type: 'doc', attrs: { schemaVersion: SCHEMA_VERSION }, content };
}

/** A document as editor content: the editor needs at least one block. */
export function toEditorContent(document: ArticleDocument): JSONContent {
  const content = document.content.length > 0 ? document.content : [{ type: 'paragraph' }];
  return { type: 'doc', attrs: { schemaVersion: document.attrs?.schemaVersion ?? SCHEMA_VERSION }, content: content as JSONContent[] };
}
