/**
 * Checks a saved or received document against the current version's shape (ajv, the schema in
 * document-json-schema.ts) before it reaches the editor, and says what is wrong in words that
 * name the place: "block 3 (a bulleted list), item 2, block 2 (a figure): …". No value may nest
 * deeper than MAX_JSON_DEPTH. Figure fields other than the asset id may be absent and are filled
 * in, and links to anything but the web or e-mail are dropped to text (`normalizeDocument`).
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { ArticleDocument, FigureAttrs } from './article-document';
import { DOCUMENT_JSON_SCHEMA } from './document-json-schema';
import { MAX_JSON_DEPTH, jsonValueTooDeep } from './json-depth';
import { dropUnsafeLinks } from './safe-links';

const ajv = new Ajv({ allErrors: false, discriminator: true, strict: false });
const validate = ajv.compile(DOCUMENT_JSON_SCHEMA);

/** Null when `value` is a document of the current version's shape, otherwise what is wrong, in words. */
export function documentShapeProblem(value: unknown): { message: string; detail: string } | null {
  // First, and without recursion: a deep value would overflow the validator's stack.
  if (jsonValueTooDeep(value))
    return { message: `it nests more than ${MAX_JSON_DEPTH} levels deep, which no article does`, detail: `depth limit ${MAX_JSON_DEPTH}` };
  if (validate(value)) return null;
  const error = validate.errors?.[0];
  return {
    message: error ? describeSchemaError(error, value) : 'it does not have the shape of a document',
    detail: ajv.errorsText(validate.errors),
  };
}

/** What a checked document needs before use: figure fields filled in, unsafe links made text. */
export function normalizeDocument(document: ArticleDocument): void {
  normalizeFigures(document);
  dropUnsafeLinks(document);
}

/** Fills in the figure fields an older or hand-edited file left out. */
function normalizeFigures(document: ArticleDocument): void {
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

const KIND_NAMES: Record<string, string> = {
  paragraph: 'paragraph',
  heading: 'heading',
  bulletList: 'bulleted list',
  orderedList: 'numbered list',
  listItem: 'list item',
  blockquote: 'quote',
  figure: 'figure',
  text: 'text',
  hardBreak: 'line break',
  bold: 'bold mark',
  italic: 'italic mark',
  link: 'link',
};

type JsonRecord = Record<string, unknown>;

/** "block 4 (a heading): level must be <= 6", from ajv's `/content/3/attrs/level`. */
function describeSchemaError(error: ErrorObject, value: unknown): string {
  const parts = error.instancePath.split('/').slice(1);
  const what =
    error.keyword === 'required'
      ? `${String(error.params.missingProperty)} is missing`
      : `${parts.at(-1) ?? 'it'} ${error.message ?? 'is not valid'}`;
  const { places, rest } = placesOf(value, parts);
  if (places.length === 0) return error.instancePath ? `${parts.join('.')}: ${what}` : what;
  const named = places.map((place) => `${place.label}${place.kind ? ` (a ${place.kind})` : ''}`);
  if (error.keyword === 'discriminator') {
    const tag = (error.params as { tagValue?: unknown }).tagValue;
    const last = places.at(-1) as { label: string };
    if (tag === 'figure' && places.length > 1)
      return `${named.join(', ')}: a figure cannot be inside a list or a quote; figures stand on their own between paragraphs`;
    return `${[...named.slice(0, -1), last.label].join(', ')} is of an unknown kind (${JSON.stringify(tag ?? null).slice(0, 40)})`;
  }
  const allowed = (error.params as { allowedValue?: unknown }).allowedValue;
  if (error.keyword === 'const' && rest.join('.') === 'type' && typeof allowed === 'string')
    return `${named.join(', ')}: must be a ${KIND_NAMES[allowed] ?? allowed} here`;
  return `${named.join(', ')}: ${rest.length > 0 || error.keyword === 'required' ? what : (error.message ?? 'is not valid')}`;
}

/** The nodes along an error's path, named as a writer counts them ("block 2", "item 1"), and the path left over. */
function placesOf(value: unknown, parts: readonly string[]): { places: Array<{ label: string; kind: string | null }>; rest: string[] } {
  const places: Array<{ label: string; kind: string | null }> = [];
  let current = value as JsonRecord;
  let index = 0;
  for (; index + 1 < parts.length; index += 2) {
    const key = parts[index] as string;
    const children = current[key];
    const position = Number(parts[index + 1]);
    if ((key !== 'content' && key !== 'marks') || !Array.isArray(children) || !Number.isInteger(position)) break;
    const child: unknown = children[position];
    const type = typeof child === 'object' && child !== null ? (child as JsonRecord).type : undefined;
    const label = childLabel(current.type, key);
    // An item of a list is a list item; saying so adds nothing.
    places.push({
      label: `${label} ${position + 1}`,
      kind: typeof type === 'string' && label !== 'item' ? (KIND_NAMES[type] ?? type) : null,
    });
    if (typeof child !== 'object' || child === null) {
      index += 2;
      break;
    }
    current = child as JsonRecord;
  }
  return { places, rest: parts.slice(index) };
}

function childLabel(parentType: unknown, key: string): string {
  if (key === 'marks') return 'mark';
  if (parentType === 'bulletList' || parentType === 'orderedList') return 'item';
  return parentType === 'paragraph' || parentType === 'heading' ? 'part' : 'block';
}
