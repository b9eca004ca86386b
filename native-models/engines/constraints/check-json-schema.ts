/**
 * The JSON Schema subset Folio accepts as an answer format, checked in plain JS before any
 * native code sees it: llama.cpp's schema converter aborts the whole process on a wrong type
 * (`{"type":5}`) or a reference it cannot resolve, and its grammar parser overflows the stack on
 * deep nesting. A schema that passes comes back self-contained: references inlined, `$id`,
 * `$schema` and definitions removed, so no engine and no validator resolves anything.
 */
import { invalidConstraint } from './invalid-constraint';
import { CONSTRAINT_LIMITS } from './constraint-limits';
import { unsafeText } from './unsafe-text';

export type JsonSchema = Record<string, unknown>;

const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null', 'object', 'array']);
const COUNTS = ['minItems', 'maxItems', 'minLength', 'maxLength'] as const;
const BOUNDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
const ANNOTATIONS = ['title', 'description', '$comment'] as const;
/** Dropped from what engines see; `default` and `examples` are accepted and ignored. */
const IGNORED = new Set(['$id', '$schema', '$defs', 'definitions', 'default', 'examples']);

/** Every keyword Folio accepts. Anything else (pattern, format, allOf, not, ...) is refused. */
const SUPPORTED_SCHEMA_KEYWORDS: readonly string[] = [
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'anyOf',
  'oneOf',
  '$ref',
  ...COUNTS,
  ...BOUNDS,
  ...ANNOTATIONS,
  ...IGNORED,
];
const SUPPORTED = new Set(SUPPORTED_SCHEMA_KEYWORDS);
const REF = /^#\/(\$defs|definitions)\/([A-Za-z0-9_.-]{1,100})$/;

/** Checks `schema` against Folio's subset and limits; returns the self-contained schema engines get. */
export function checkJsonSchema(schema: unknown): JsonSchema {
  if (!isPlainObject(schema)) throw refuse('the schema must be a JSON object', '');
  let text: string;
  try {
    text = JSON.stringify(schema);
  } catch {
    throw refuse('the schema must be plain JSON', '');
  }
  if (text.length > CONSTRAINT_LIMITS.bytes) throw refuse(`the schema is larger than ${CONSTRAINT_LIMITS.bytes / 1024} KB`, '');
  const definitions = readDefinitions(schema);
  // Every definition is checked, even one nothing refers to: a bad one is still a bad schema.
  for (const [name, definition] of definitions) new Inliner(definitions).inline(definition, `/${name}`, 1);
  return new Inliner(definitions).inline(schema, '', 0);
}

function readDefinitions(schema: JsonSchema): Map<string, unknown> {
  const definitions = new Map<string, unknown>();
  for (const key of ['$defs', 'definitions'] as const) {
    const group = schema[key];
    if (group === undefined) continue;
    if (!isPlainObject(group)) throw refuse(`${key} must be an object of schemas`, `/${key}`);
    for (const [name, definition] of Object.entries(group)) definitions.set(`${key}/${name}`, definition);
  }
  return definitions;
}

/** Walks a schema once, checking each keyword and copying it with references replaced. */
class Inliner {
  private nodes = 0;
  private readonly resolving: string[] = [];

  constructor(private readonly definitions: Map<string, unknown>) {}

  inline(node: unknown, path: string, depth: number): JsonSchema {
    if (!isPlainObject(node)) throw refuse('every schema must be a JSON object (true and false are not accepted)', path);
    if (depth > CONSTRAINT_LIMITS.depth) throw refuse(`the schema is nested more than ${CONSTRAINT_LIMITS.depth} levels deep`, path);
    this.count(1, path);
    if ('$ref' in node) return this.reference(node, path, depth);
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${key}`;
      if (!SUPPORTED.has(key)) throw refuse(`the keyword "${key}" is not supported`, at);
      if (IGNORED.has(key)) continue;
      out[key] = this.keyword(key, value, at, depth);
    }
    checkRanges(out, path);
    return out;
  }

  private keyword(key: string, value: unknown, at: string, depth: number): unknown {
    switch (key) {
      case 'type':
        return readType(value, at);
      case 'enum':
        if (!Array.isArray(value) || value.length === 0 || value.length > CONSTRAINT_LIMITS.enumValues)
          throw refuse(`enum must list 1 to ${CONSTRAINT_LIMITS.enumValues} values`, at);
        this.count(value.length, at);
        value.forEach((item, index) => readConstant(item, `${at}/${index}`));
        return value;
      case 'const':
        return readConstant(value, at);
      case 'properties':
        if (!isPlainObject(value)) throw refuse('properties must be an object of schemas', at);
        return Object.fromEntries(
          Object.entries(value).map(([name, schema]) => [readPropertyName(name, at), this.inline(schema, `${at}/${name}`, depth + 1)]),
        );
      case 'required':
        if (!Array.isArray(value) || !value.every((name) => typeof name === 'string') || new Set(value).size !== value.length)
          throw refuse('required must list distinct property names', at);
        value.forEach((name: string) => readText(name, at));
        return value;
      case 'additionalProperties':
        return typeof value === 'boolean' ? value : this.inline(value, at, depth + 1);
      case 'items':
        return this.inline(value, at, depth + 1);
      case 'anyOf':
      case 'oneOf':
        if (!Array.isArray(value) || value.length === 0 || value.length > CONSTRAINT_LIMITS.choices)
          throw refuse(`${key} must list 1 to ${CONSTRAINT_LIMITS.choices} schemas`, at);
        return value.map((choice, index) => this.inline(choice, `${at}/${index}`, depth + 1));
      case 'title':
      case 'description':
      case '$comment':
        if (typeof value !== 'string') throw refuse(`${key} must be text`, at);
        return readText(value, at);
      default:
        return readNumber(key, value, at);
    }
  }

  /**
   * Schemas and enum values, counted on the inlined copy: a definition used many times cannot
   * multiply the work unseen.
   */
  private count(parts: number, path: string): void {
    this.nodes += parts;
    if (this.nodes > CONSTRAINT_LIMITS.schemaNodes)
      throw refuse(
        `the schema has more than ${CONSTRAINT_LIMITS.schemaNodes} parts (schemas and enum values, references counted where used)`,
        path,
      );
  }

  private reference(node: JsonSchema, path: string, depth: number): JsonSchema {
    const ref = node.$ref;
    const match = typeof ref === 'string' ? REF.exec(ref) : null;
    if (!match) throw refuse('$ref must point into the schema\'s own $defs, like "#/$defs/name"', `${path}/$ref`);
    const others = Object.keys(node).filter((key) => key !== '$ref' && !ANNOTATIONS.includes(key as never) && !IGNORED.has(key));
    if (others.length > 0) throw refuse(`a $ref cannot sit beside other keywords (${others.join(', ')})`, path);
    const key = `${match[1]}/${match[2]}`;
    const target = this.definitions.get(key);
    if (target === undefined) throw refuse(`$ref points to "${ref as string}", which the schema does not define`, `${path}/$ref`);
    if (this.resolving.includes(key))
      throw refuse(`$ref "${ref as string}" refers back to itself; recursive schemas are not supported`, `${path}/$ref`);
    this.resolving.push(key);
    try {
      return this.inline(target, `/${key}`, depth);
    } finally {
      this.resolving.pop();
    }
  }
}

function readType(value: unknown, at: string): unknown {
  const types = Array.isArray(value) ? value : [value];
  if (types.length === 0 || !types.every((type) => typeof type === 'string' && TYPES.has(type)) || new Set(types).size !== types.length) {
    throw refuse(`type must be one of ${[...TYPES].join(', ')}, or a list of them`, at);
  }
  return value;
}

/** Constants are plain values: one engine's converter refuses objects and arrays. */
function readConstant(value: unknown, at: string): unknown {
  if (typeof value === 'string') return readText(value, at);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw refuse('enum and const values must be text, numbers, true, false or null', at);
}

function readPropertyName(name: string, at: string): string {
  if (name.length === 0 || name.length > CONSTRAINT_LIMITS.nameChars)
    throw refuse(`property names must have 1 to ${CONSTRAINT_LIMITS.nameChars} characters`, at);
  return readText(name, at);
}

function readText(text: string, at: string): string {
  const unsafe = unsafeText(text);
  if (unsafe) throw refuse(`a text value cannot be used: ${unsafe}`, at);
  return text;
}

function readNumber(key: string, value: unknown, at: string): number {
  if ((COUNTS as readonly string[]).includes(key)) {
    if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > CONSTRAINT_LIMITS.repeat)
      throw refuse(`${key} must be a whole number from 0 to ${CONSTRAINT_LIMITS.repeat}`, at);
    return value as number;
  }
  // llama.cpp reads bounds as 64-bit integers: keep them where that is exact.
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER)
    throw refuse(`${key} must be a number no larger than ${Number.MAX_SAFE_INTEGER}`, at);
  return value;
}

function checkRanges(schema: JsonSchema, path: string): void {
  const pairs = [
    ['minItems', 'maxItems'],
    ['minLength', 'maxLength'],
    ['minimum', 'maximum'],
  ] as const;
  for (const [low, high] of pairs) {
    const lowValue = schema[low];
    const highValue = schema[high];
    if (typeof lowValue === 'number' && typeof highValue === 'number' && lowValue > highValue)
      throw refuse(`${low} is larger than ${high}`, path);
  }
}

function isPlainObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

function refuse(reason: string, path: string): Error {
  return invalidConstraint(
    'JSON schema',
    `${reason}${path ? ` (at ${path})` : ''}`,
    `supported keywords: ${SUPPORTED_SCHEMA_KEYWORDS.join(', ')}`,
  );
}
