/**
 * The JSON Schema of a saved document (the current version), for ajv: the node shapes Tiptap 3
 * writes for the article's nodes and marks. Extra properties pass through untouched when they are
 * plain values or flat lists or records of them (the editor may add attributes); deeper unknown
 * structure, wrong types and unknown node or mark types do not. Figures are allowed at the top
 * level only: inside a list or a quote one is an unknown kind of block.
 */
const scalar = { type: ['string', 'number', 'boolean', 'null'] };
/** What an attribute this version does not know may hold: a value, or a flat list or record of values. */
const extra = { anyOf: [scalar, { type: 'array', items: scalar }, { type: 'object', additionalProperties: scalar }] };
const optionalText = { type: ['string', 'null'] };

/** A node of kind `type` whose other properties are `properties`. */
function node(type: string, properties: Record<string, unknown> = {}, required: string[] = []): Record<string, unknown> {
  return {
    type: 'object',
    required: ['type', ...required],
    properties: { type: { const: type }, ...properties },
    additionalProperties: extra,
  };
}

/** One of `kinds` (refs into $defs), chosen by the node's `type`. */
function oneKindOf(...kinds: string[]): Record<string, unknown> {
  return {
    type: 'object',
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: kinds.map((kind) => ({ $ref: `#/$defs/${kind}` })),
  };
}

const list = (type: string, attrs?: Record<string, unknown>): Record<string, unknown> =>
  node(type, { ...(attrs ? { attrs } : {}), content: { type: 'array', minItems: 1, items: { $ref: '#/$defs/listItem' } } }, ['content']);

const TEXT_BLOCKS = ['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote'];

export const DOCUMENT_JSON_SCHEMA = {
  type: 'object',
  required: ['type', 'attrs', 'content'],
  properties: {
    type: { const: 'doc' },
    attrs: { type: 'object', required: ['schemaVersion'], properties: { schemaVersion: { type: 'integer' } }, additionalProperties: extra },
    content: { type: 'array', items: { $ref: '#/$defs/block' } },
  },
  additionalProperties: extra,
  $defs: {
    block: oneKindOf(...TEXT_BLOCKS, 'figure'),
    textBlock: oneKindOf(...TEXT_BLOCKS),
    inline: { type: 'array', items: oneKindOf('text', 'hardBreak') },
    marks: { type: 'array', items: oneKindOf('bold', 'italic', 'link') },
    text: node('text', { text: { type: 'string' }, marks: { $ref: '#/$defs/marks' } }, ['text']),
    hardBreak: node('hardBreak', { marks: { $ref: '#/$defs/marks' } }),
    bold: node('bold'),
    italic: node('italic'),
    // A link to a scheme other than http(s) or mailto passes here and is dropped to text afterwards (safe-links.ts).
    link: node(
      'link',
      {
        attrs: {
          type: 'object',
          required: ['href'],
          properties: { href: optionalText, target: optionalText, rel: optionalText, class: optionalText, title: optionalText },
          additionalProperties: extra,
        },
      },
      ['attrs'],
    ),
    paragraph: node('paragraph', { content: { $ref: '#/$defs/inline' } }),
    heading: node(
      'heading',
      {
        attrs: {
          type: 'object',
          required: ['level'],
          properties: { level: { type: 'integer', minimum: 1, maximum: 6 } },
          additionalProperties: extra,
        },
        content: { $ref: '#/$defs/inline' },
      },
      ['attrs'],
    ),
    bulletList: list('bulletList'),
    orderedList: list('orderedList', {
      type: 'object',
      properties: { start: { type: 'integer' }, type: optionalText },
      additionalProperties: extra,
    }),
    // Tiptap's listItem is `paragraph block*`: a paragraph first, then any blocks but figures.
    listItem: node(
      'listItem',
      { content: { type: 'array', minItems: 1, items: [{ $ref: '#/$defs/paragraph' }], additionalItems: { $ref: '#/$defs/textBlock' } } },
      ['content'],
    ),
    blockquote: node('blockquote', { content: { type: 'array', minItems: 1, items: { $ref: '#/$defs/textBlock' } } }, ['content']),
    figure: node(
      'figure',
      {
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
      ['attrs'],
    ),
  },
};
