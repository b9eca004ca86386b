/**
 * Bounds on answer formats (JSON schemas and GBNF grammars) from outside. Folio's own formats
 * stay far below them; llama.cpp's parsers recurse per nesting level and copy a repeated item
 * once per repetition, so depth and repetition counts are what keep a format from taking the
 * model host down.
 */
export const CONSTRAINT_LIMITS = {
  /** Size of the schema (as JSON) or of the grammar text. */
  bytes: 64 * 1024,
  /** Nested schemas, or nested parentheses in a grammar. */
  depth: 32,
  /** Schemas and enum values in all, after references are inlined where used. */
  schemaNodes: 2_000,
  enumValues: 1_000,
  /** Alternatives in one anyOf/oneOf. */
  choices: 64,
  /** minItems, maxItems, minLength, maxLength, and a grammar's {m,n}. */
  repeat: 1_000,
  nameChars: 200,
  /** Symbols a grammar's repetitions expand into, all together. */
  grammarSymbols: 100_000,
} as const;
