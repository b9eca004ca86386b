/**
 * Answer formats are checked in JS before native code: Folio's own formats pass unchanged, and
 * formats that crashed llama.cpp (wrong types, references, deep nesting) are refused with a
 * typed error that names the problem.
 */
import { describe, expect, it } from 'vitest';
import { checkConstraint } from '../../../native-models/engines/constraints/check-constraint';
import { FIGURE_CAPTION_SCHEMA } from '../../../electron/studio/compose/prompts/figure-caption-prompt';
import { placeSchema } from '../../../electron/studio/compose/prompts/place-prompt';
import { articleGrammar, oneOf, quotedLine } from '../../../electron/studio/compose/prompts/gbnf';
import { PARAGRAPH_GRAMMAR } from '../../../electron/studio/compose/prompts/edit-prompts';
import { xcomposerPlaceGrammar } from '../../../electron/studio/compose/prompt-families/xcomposer2/composition-prompts';
import type { OutputConstraint } from '../../../native-models/engines/engine';

const schema = (value: unknown): OutputConstraint => ({ type: 'json-schema', schema: value as Record<string, unknown> });
const grammar = (text: string): OutputConstraint => ({ type: 'grammar', grammar: text });

describe('answer formats Folio sends itself', () => {
  const headings = Array.from({ length: 40 }, (_, index) => ({ level: 2, title: `Section "${index}" \\ with [brackets] and ünïcode 🙂` }));
  it.each([
    ['the caption schema', schema(FIGURE_CAPTION_SCHEMA)],
    ['the place schema', schema(placeSchema(60, 4))],
    ['the article grammar', grammar(articleGrammar({ introParagraphs: 3, sections: headings, maxParagraphs: 60 }))],
    ['the article grammar without headings', grammar(articleGrammar({ introParagraphs: 0, sections: [], maxParagraphs: 60 }))],
    ['the title grammar', grammar(quotedLine(80))],
    ['the choice grammar', grammar(oneOf(['A', 'B', 'C']))],
    ['the paragraph grammar', grammar(PARAGRAPH_GRAMMAR)],
    ['the XComposer2 place grammar (automatic)', grammar(xcomposerPlaceGrammar(null))],
    ['the XComposer2 place grammar (one figure)', grammar(xcomposerPlaceGrammar(1))],
    ['the XComposer2 place grammar (four figures)', grammar(xcomposerPlaceGrammar(4))],
  ])('passes %s', (_name, constraint) => {
    expect(checkConstraint(constraint)).toEqual(constraint);
  });
});

describe('hostile answer formats', () => {
  it.each([
    ['a type that is not a name', schema({ type: 5 }), /type must be one of/],
    ['a reference to the whole schema', schema({ $ref: '#' }), /\$ref must point into/],
    ['an unknown reference', schema({ $ref: '#/$defs/missing' }), /does not define/],
    [
      'a recursive reference',
      schema({ $defs: { node: { type: 'array', items: { $ref: '#/$defs/node' } } }, $ref: '#/$defs/node' }),
      /refers back to itself/,
    ],
    [
      'a pattern (regular expressions can backtrack for ever)',
      schema({ type: 'string', pattern: '^(a+)+$' }),
      /"pattern" is not supported/,
    ],
    ['an unknown keyword', schema({ type: 'string', frobnicate: true }), /"frobnicate" is not supported/],
    ['a huge enum', schema({ enum: Array.from({ length: 1001 }, (_, index) => index) }), /enum must list 1 to 1000/],
    ['an object constant', schema({ const: { a: 1 } }), /values must be text/],
    ['a repetition count above the limit', schema({ type: 'array', maxItems: 100_000 }), /maxItems must be a whole number/],
    ['bounds the wrong way round', schema({ type: 'integer', minimum: 5, maximum: 1 }), /minimum is larger than maximum/],
    ['deep nesting', schema(JSON.parse('{"items":'.repeat(40) + '{}' + '}'.repeat(40))), /nested more than 32/],
    ['references that multiply', schema(fanOut(12)), /more than 2000 parts/],
    [
      'a big enum used many times',
      schema({
        $defs: { e: { enum: Array.from({ length: 900 }, (_, index) => `v${index}`) } },
        type: 'object',
        properties: { a: { $ref: '#/$defs/e' }, b: { $ref: '#/$defs/e' }, c: { $ref: '#/$defs/e' } },
      }),
      /more than 2000 parts/,
    ],
    ['30,000 nested parentheses', grammar(`root ::= ${'('.repeat(30_000)}"a"${')'.repeat(30_000)}`), /grammar is longer|nested more than/],
    ['33 nested parentheses', grammar(`root ::= ${'('.repeat(33)}"a"${')'.repeat(33)}`), /nested more than 32/],
    ['an undefined rule', grammar('root ::= missing'), /"missing" is used but never defined/],
    ['no root rule', grammar('start ::= "a"'), /no "root" rule/],
    ['an unclosed literal', grammar('root ::= "abc'), /not closed/],
    ['a bad escape', grammar('root ::= "\\q"'), /unknown escape/],
    ['a huge repetition', grammar('root ::= "a"{100000}'), /above 1000/],
    ['repetitions that multiply', grammar(`root ::= ${'"abcdefghij"{1000} '.repeat(11)}`), /more than 100000 symbols/],
    ['a quantifier with nothing before it', grammar('root ::= *'), /follows nothing/],
    ['a NUL character in a grammar', grammar('root ::= "a\u0000b"'), /NUL character/],
    ['a grammar that asks for NUL', grammar('root ::= [\\x00-\\x00]'), /not a character a model can write/],
    ['a code point past Unicode', grammar('root ::= "\\UFFFFFFFF"'), /not a character a model can write/],
    ['a lone surrogate in a grammar', grammar('root ::= "\ud800"'), /lone surrogate/],
    ['a lone surrogate in an enum', schema({ enum: ['\ud800'] }), /lone surrogate/],
    ['a NUL in a property name', schema({ type: 'object', properties: { 'a\u0000': { type: 'string' } } }), /NUL character/],
  ])('refuses %s', (_name, constraint, reason) => {
    let caught: unknown;
    try {
      checkConstraint(constraint);
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'invalid-request', message: expect.stringMatching(reason) });
  });
});

describe('left recursion (llama.cpp never answers such a grammar)', () => {
  it.each([
    ['a rule that starts with itself', 'root ::= root "a" | "b"'],
    ['through an item that may match nothing', 'root ::= "a"? root "b" | "c"'],
    ['through another rule that may be empty', 'root ::= e root "b" | "c"\ne ::= "x"*'],
    ['through a group and a repetition', 'root ::= ("a"{0,3} (r1 | "b"))+ "c"\nr1 ::= root'],
    [
      'the fuzz case that hung every engine (seed 891133557)',
      'root ::= (r1 | "b"){236} root{188} (r3 | "b") (r1 | "b")\nr1 ::= [^x]? | "a"\nr2 ::= .? r4\nr3 ::= [^x]\nr4 ::= root*',
    ],
  ])('refuses %s', (_name, text) => {
    expect(() => checkConstraint(grammar(text))).toThrow(/left recursion/);
  });

  it('allows recursion after a character has been read', () => {
    expect(checkConstraint(grammar('root ::= "x" root | "c"'))).toEqual(grammar('root ::= "x" root | "c"'));
    expect(checkConstraint(grammar('root ::= "(" root* ")"'))).toEqual(grammar('root ::= "(" root* ")"'));
  });
});

describe('what engines get', () => {
  it('takes an enum of 1000 values from a definition used once', () => {
    const values = Array.from({ length: 1000 }, (_, index) => index);
    expect(checkConstraint(schema({ $defs: { e: { enum: values } }, $ref: '#/$defs/e' }))).toEqual(schema({ enum: values }));
  });

  it('inlines references and drops $id, $schema and definitions', () => {
    const checked = checkConstraint(
      schema({
        $id: 'answer',
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $defs: { word: { type: 'string', maxLength: 8 } },
        type: 'object',
        properties: { a: { $ref: '#/$defs/word' }, b: { $ref: '#/$defs/word', description: 'the second' } },
      }),
    );
    expect(checked).toEqual(
      schema({ type: 'object', properties: { a: { type: 'string', maxLength: 8 }, b: { type: 'string', maxLength: 8 } } }),
    );
  });
});

/** Each level refers twice to the next: 2^depth parts once inlined. */
function fanOut(depth: number): Record<string, unknown> {
  const defs: Record<string, unknown> = { [`d${depth}`]: { type: 'string' } };
  for (let level = 0; level < depth; level++)
    defs[`d${level}`] = { type: 'object', properties: { a: { $ref: `#/$defs/d${level + 1}` }, b: { $ref: `#/$defs/d${level + 1}` } } };
  return { $defs: defs, $ref: '#/$defs/d0' };
}
