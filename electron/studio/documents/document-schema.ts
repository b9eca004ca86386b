/**
 * The shape of a saved document (the current schema version), checked with ajv before the
 * document reaches the editor. Extra properties pass through untouched when they are plain
 * values or flat lists or records of them (the editor may add attributes); deeper unknown
 * structure, wrong types and unknown node types do not, and neither does any value nested
 * deeper than MAX_JSON_DEPTH. Figure fields other than the asset
 * id may be absent and are filled in (`normalizeFigures`).
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { ArticleDocument, FigureAttrs } from './article-document';
import { MAX_JSON_DEPTH, jsonValueTooDeep } from './json-depth';

const scalar = { type: ['string', 'number', 'boolean', 'null'] };
/** What an attribute this version does not know may hold: a value, or a flat list or record of values. */
const extra = { anyOf: [scalar, { type: 'array', items: scalar }, { type: 'object', additionalProperties: scalar }] };

const text = {
  type: 'object',
  required: ['type', 'text'],
  properties: { type: { const: 'text' }, text: { type: 'string' } },
  additionalProperties: extra,
};

const inline = { type: 'array', items: text };

const documentSchema = {
  type: 'object',
  required: ['type', 'attrs', 'content'],
  properties: {
    type: { const: 'doc' },
    attrs: { type: 'object', required: ['schemaVersion'], properties: { schemaVersion: { type: 'integer' } }, additionalProperties: extra },
    content: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        discriminator: { propertyName: 'type' },
        oneOf: [
          { properties: { type: { const: 'paragraph' }, content: inline }, additionalProperties: extra },
          {
            required: ['attrs'],
            properties: {
              type: { const: 'heading' },
              attrs: { type: 'object', required: ['level'], properties: { level: { type: 'integer', minimum: 1, maximum: 6 } }, additionalProperties: extra },
              content: inline,
            },
            additionalProperties: extra,
          },
          {
            required: ['attrs'],
            properties: {
              type: { const: 'figure' },
              attrs: {
                type: 'object',
                required: ['assetId'],
                properties: {
                  assetId: { type: ['string', 'null'] },
                  caption: { type: 'string' },
                  alt: { type: 'string' },
                  provenance: { enum: ['library', 'reference', 'pasted', null] },
                  slotTitle: { type: 'string' },
                  candidates: { type: 'array', items: { type: 'string' } },
                  chosen: { type: ['integer', 'null'], minimum: 0 },
                  emptyReason: { type: ['string', 'null'] },
                },
                additionalProperties: extra,
              },
            },
            additionalProperties: extra,
          },
        ],
      },
    },
  },
  additionalProperties: extra,
};

const ajv = new Ajv({ allErrors: false, discriminator: true, strict: false });
const validate = ajv.compile(documentSchema);

/** Null when `value` is a document of the current version's shape, otherwise what is wrong, in words. */
export function documentShapeProblem(value: unknown): { message: string; detail: string } | null {
  // First, and without recursion: a deep value would overflow the validator's stack.
  if (jsonValueTooDeep(value)) return { message: `it nests more than ${MAX_JSON_DEPTH} levels deep, which no article does`, detail: `depth limit ${MAX_JSON_DEPTH}` };
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  return { message: error ? describeSchemaError(error, value) : 'it does not have the shape of a document', detail: ajv.errorsText(validate.errors) };
}

/** Fills in the figure fields an older or hand-edited file left out. */
export function normalizeFigures(document: ArticleDocument): void {
  for (const node of document.content) {
    if (node.type !== 'figure') continue;
    const attrs: Partial<FigureAttrs> = node.attrs;
    const filled: FigureAttrs = {
      assetId: attrs.assetId ?? null,
      caption: attrs.caption ?? '',
      alt: attrs.alt ?? '',
      provenance: attrs.provenance ?? null,
      slotTitle: attrs.slotTitle ?? '',
      candidates: attrs.candidates ?? [],
      chosen: attrs.chosen ?? null,
      emptyReason: attrs.emptyReason ?? null,
    };
    node.attrs = Object.assign(node.attrs, filled);
  }
}

/** "block 4 (a heading): level must be <= 6", from ajv's `/content/3/attrs/level`. */
function describeSchemaError(error: ErrorObject, value: unknown): string {
  const parts = error.instancePath.split('/').slice(1);
  const what = error.keyword === 'required' ? `${String(error.params.missingProperty)} is missing` : `${parts.at(-1) ?? 'it'} ${error.message ?? 'is not valid'}`;
  if (parts[0] !== 'content' || parts[1] === undefined) return error.instancePath ? `${parts.join('.')}: ${what}` : what;
  const index = Number(parts[1]);
  const block = (value as { content: Array<{ type?: unknown }> }).content[index];
  const kind = typeof block?.type === 'string' ? ` (a ${block.type})` : '';
  if (error.keyword === 'discriminator') return `block ${index + 1} is of an unknown kind (${JSON.stringify(block?.type ?? null).slice(0, 40)})`;
  return `block ${index + 1}${kind}: ${parts.length > 2 || error.keyword === 'required' ? what : error.message ?? 'is not valid'}`;
}
