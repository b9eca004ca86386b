import { Ajv, type ValidateFunction } from 'ajv';
import type { StudioMethodName } from '../../contract/studio-api';
import { STUDIO_PARAM_SCHEMAS } from '../../contract/studio-schemas';
import type { ArticleDocument } from '../documents/article-document';
import { documentShapeProblem, normalizeDocument } from '../documents/document-schema';
import { studioError } from './to-studio-error';

const ajv = new Ajv({ allErrors: false, strict: false });
const validators = new Map<string, ValidateFunction>(
  Object.entries(STUDIO_PARAM_SCHEMAS).map(([method, schema]) => [method, ajv.compile(schema)]),
);

/** Checks a request's method and params against the contract; throws the refusal the UI shows. */
export function validateRequest(method: unknown, params: unknown): StudioMethodName {
  const validate = typeof method === 'string' ? validators.get(method) : undefined;
  if (!validate) throw studioError('unknown-method', `The studio has no "${String(method)}".`);
  if (!validate(params ?? null)) {
    const problem = validate.errors?.[0];
    throw studioError(
      'invalid-request',
      'The studio refused a malformed request.',
      `${method}: ${problem?.instancePath || '(params)'} ${problem?.message ?? ''}`.trim(),
    );
  }
  checkDocument(params);
  return method as StudioMethodName;
}

/**
 * Every request that carries a document (save, save as, export, edits, ask) gets the check a
 * saved document gets on opening, so no method writes or shows what saving would refuse.
 */
function checkDocument(params: unknown): void {
  const document = typeof params === 'object' && params !== null ? (params as { document?: unknown }).document : undefined;
  if (document === undefined) return;
  const problem = documentShapeProblem(document);
  if (problem) throw studioError('invalid-document', `This is not a valid article: ${problem.message}.`, problem.detail);
  normalizeDocument(document as ArticleDocument);
}
