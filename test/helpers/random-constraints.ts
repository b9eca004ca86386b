/**
 * Random answer formats for the fuzz test: mutations of the formats Folio sends itself, deep
 * nesting, random keywords and types, huge enums, bad references, broken GBNF. Deterministic
 * for a seed, so a failure can be replayed (FOLIO_FUZZ_SEED).
 */
import type { OutputConstraint } from '../../native-models/engines/engine';
import { FIGURE_CAPTION_SCHEMA } from '../../electron/studio/compose/prompts/figure-caption-prompt';
import { placeSchema } from '../../electron/studio/compose/prompts/place-prompt';
import { articleGrammar, oneOf, quotedLine } from '../../electron/studio/compose/prompts/gbnf';
import { PARAGRAPH_GRAMMAR } from '../../electron/studio/compose/prompts/edit-prompts';

/** mulberry32: small, fast, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const KEYWORDS = [
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  '$ref',
  '$defs',
  'definitions',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'format',
  'prefixItems',
  'patternProperties',
  'if',
  'then',
  'else',
  'uniqueItems',
  'multipleOf',
  '$id',
  '$schema',
  'title',
  'description',
  'default',
  '__proto__',
  'constructor',
];
const TYPES = ['string', 'number', 'integer', 'boolean', 'null', 'object', 'array', 'tuple', 'any', '', 'String'];
const GBNF_PIECES = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '|',
  '*',
  '+',
  '?',
  '"',
  '::=',
  'root',
  ' ',
  '\n',
  '\\',
  '#',
  '<',
  '>',
  '.',
  '-',
  '^',
  'x',
  '0',
  '1000',
  ',',
  'a-z',
  '\\x',
  '\\u12',
  '\\x00',
  '\\UFFFFFFFF',
  '\u0000',
  '\ud800',
];

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (random: Random, most: number): number => Math.floor(random() * (most + 1));

function junk(random: Random, depth = 0): Json {
  switch (int(random, depth > 2 ? 4 : 6)) {
    case 0:
      return null;
    case 1:
      return random() < 0.5;
    case 2:
      return pick(random, [0, -1, 1.5, 1e308, -1e21, 2 ** 53 + 2, 5, 1000, 100_000]);
    case 3:
      return pick(random, ['', 'x', '#', '#/$defs/a', ...TYPES, '^(a+)+$', '\u0000', '\udc00', '🙂'.repeat(3)]);
    case 4:
      return pick(random, TYPES);
    case 5:
      return Array.from({ length: int(random, 4) }, () => junk(random, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(random, 4) }, () => [pick(random, KEYWORDS), junk(random, depth + 1)]));
  }
}

function validSchemas(random: Random): Json[] {
  return [
    FIGURE_CAPTION_SCHEMA as Json,
    placeSchema(1 + int(random, 80), int(random, 5) || null) as Json,
    {
      type: 'object',
      properties: { answer: { type: 'string', maxLength: 1 + int(random, 40) }, sure: { type: 'boolean' } },
      required: ['answer'],
    },
    { $defs: { word: { type: 'string', maxLength: 5 } }, type: 'array', items: { $ref: '#/$defs/word' }, maxItems: 3 },
    { anyOf: [{ type: 'integer', minimum: 0, maximum: 9 }, { type: 'null' }] },
    { enum: ['A', 'B', 'C', 1, null, true] },
  ];
}

/** Changes a few random places of a schema: values to junk, keywords added or removed. */
function mutate(random: Random, value: Json, rate: number): Json {
  if (random() < rate) return junk(random);
  if (Array.isArray(value)) return value.map((item) => mutate(random, item, rate));
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) if (random() > rate / 2) out[key] = mutate(random, item, rate);
  if (random() < rate) out[pick(random, KEYWORDS)] = junk(random);
  return out;
}

function nested(random: Random): Json {
  const depth = 1 + int(random, 300);
  const wrap = pick(random, ['items', 'properties', 'anyOf', 'additionalProperties']);
  let schema: Json = { type: 'string' };
  for (let level = 0; level < depth; level++) {
    if (wrap === 'items') schema = { type: 'array', items: schema };
    else if (wrap === 'properties') schema = { type: 'object', properties: { a: schema } };
    else if (wrap === 'anyOf') schema = { anyOf: [schema, { type: 'null' }] };
    else schema = { type: 'object', additionalProperties: schema };
  }
  return schema;
}

function hugeEnum(random: Random): Json {
  const size = pick(random, [900, 1000, 1001, 5000, 20_000]);
  return {
    enum: Array.from({ length: size }, (_, index) => (random() < 0.8 ? `value ${index} ${'x'.repeat(int(random, 30))}` : junk(random))),
  };
}

function badReference(random: Random): Json {
  const ref = pick(random, [
    '#',
    '#/',
    '#/$defs/missing',
    'http://example.com/s.json',
    '#/definitions/a',
    '#/properties/a',
    '#/$defs/a',
    '#/$defs/../a',
    5 as unknown as string,
  ]);
  const defs = pick<Json>(random, [
    {},
    { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } },
    { a: { type: 'array', items: { $ref: '#/$defs/a' } } },
    { a: { type: 'string' } },
  ]);
  return { $defs: defs, ...(random() < 0.5 ? { type: 'object', properties: { a: { $ref: ref } } } : { $ref: ref }) };
}

export function randomSchema(random: Random): OutputConstraint {
  const kind = int(random, 5);
  const schema =
    kind === 0
      ? mutate(random, pick(random, validSchemas(random)), 0.15)
      : kind === 1
        ? nested(random)
        : kind === 2
          ? junk(random)
          : kind === 3
            ? hugeEnum(random)
            : kind === 4
              ? badReference(random)
              : Object.fromEntries(Array.from({ length: 1 + int(random, 6) }, () => [pick(random, KEYWORDS), junk(random)]));
  return { type: 'json-schema', schema: schema as Record<string, unknown> };
}

function validGrammars(random: Random): string[] {
  const sections = Array.from({ length: int(random, 6) }, (_, index) => ({
    level: 1 + int(random, 3),
    title: `Part ${index} "quoted" \\ [x]`,
  }));
  return [
    articleGrammar({ introParagraphs: int(random, 3), sections, maxParagraphs: 1 + int(random, 60) }),
    quotedLine(1 + int(random, 100)),
    oneOf(['A', 'B', 'C']),
    PARAGRAPH_GRAMMAR,
    'root ::= [a-z]{1,5}',
  ];
}

function mutateText(random: Random, text: string): string {
  let out = text;
  for (let edit = 1 + int(random, 5); edit > 0; edit--) {
    const at = int(random, out.length);
    const action = int(random, 2);
    if (action === 0) out = out.slice(0, at) + pick(random, GBNF_PIECES) + out.slice(at);
    else if (action === 1) out = out.slice(0, at) + out.slice(at + 1 + int(random, 5));
    else out = out.slice(0, at) + out.slice(at, at + 20).repeat(1 + int(random, 3)) + out.slice(at + 20);
  }
  return out;
}

function randomRules(random: Random): string {
  const count = 1 + int(random, 12);
  const names = Array.from({ length: count }, (_, index) => (index === 0 ? 'root' : `r${index}`));
  const item = (): string =>
    pick(random, [`r${int(random, count + 2)}`, '"a"', '[^x]', '.', `(${pick(random, names)} | "b")`, '""', 'root']);
  const quantifier = (): string =>
    pick(random, ['', '', '*', '+', '?', `{${int(random, 3)},${int(random, 2000)}}`, `{${int(random, 1200)}}`]);
  return names
    .map(
      (name) => `${name} ::= ${Array.from({ length: 1 + int(random, 4) }, () => item() + quantifier()).join(random() < 0.3 ? ' | ' : ' ')}`,
    )
    .join('\n');
}

export function randomGrammar(random: Random): OutputConstraint {
  const kind = int(random, 4);
  const depth = 1 + int(random, 40_000);
  const grammar =
    kind === 0
      ? mutateText(random, pick(random, validGrammars(random)))
      : kind === 1
        ? `root ::= ${'('.repeat(depth)}"a"${')'.repeat(random() < 0.9 ? depth : int(random, depth))}`
        : kind === 2
          ? Array.from({ length: 1 + int(random, 40) }, () => pick(random, GBNF_PIECES)).join('')
          : kind === 3
            ? randomRules(random)
            : `root ::= "a"{${pick(random, [0, 1000, 1001, 99_999, 2 ** 40])}} ${'"bc"{1000} '.repeat(int(random, 120))}`;
  return { type: 'grammar', grammar };
}
