import type { ArticleDocument } from './article-document';
import { migrateDocument } from './document-migrations';
import { documentShapeProblem, normalizeDocument } from './document-schema';
import { MAX_JSON_DEPTH, jsonTextTooDeep } from './json-depth';
import { ProjectError } from './project-error';

/**
 * Bytes of a document file to a document of the current version: JSON parsed, migrated from
 * an older version, its shape checked. `label` names the file in messages.
 */
export function parseDocument(bytes: Uint8Array, label = 'document.json'): { document: ArticleDocument; fromVersion: number } {
  const text = Buffer.from(bytes).toString('utf8');
  if (jsonTextTooDeep(text))
    throw new ProjectError(
      'document-invalid',
      `${label} is not a valid Folio document: it nests more than ${MAX_JSON_DEPTH} levels deep, which no article does.`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const what = bytes.length === 0 ? 'it is empty' : 'it is not valid JSON';
    throw new ProjectError('document-corrupt', `${label} is damaged (${what}), so the article cannot be opened.`, detail);
  }
  const { document, fromVersion } = relabel(() => migrateDocument(raw), label);
  const problem = documentShapeProblem(document);
  if (problem) throw new ProjectError('document-invalid', `${label} is not a valid Folio document: ${problem.message}.`, problem.detail);
  const article = document as unknown as ArticleDocument;
  normalizeDocument(article);
  return { document: article, fromVersion };
}

function relabel<T>(run: () => T, label: string): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ProjectError && label !== 'document.json')
      throw new ProjectError(error.code, error.message.replace('document.json', label), error.detail);
    throw error;
  }
}
