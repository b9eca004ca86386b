export { ArticleDocumentNode, SCHEMA_VERSION } from './article-document';
export { fromEditorJson, toEditorContent } from './article-json';
