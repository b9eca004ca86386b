/**
 * Reads a GBNF grammar (llama.cpp's format) the way llama.cpp's parser does, in plain JS and
 * with limits, before any native code sees it: the native parser recurses once per nested
 * group (30,000 parentheses overflow its stack and kill the process) and copies an item once
 * per repetition. Refused here: syntax errors, rules used but not defined, a missing `root`,
 * nesting deeper than the limit, repetitions above the limit, token literals (`<...>`), and left
 * recursion (grammar-left-recursion.ts).
 */
import { invalidConstraint } from './invalid-constraint';
import { CONSTRAINT_LIMITS } from './constraint-limits';
import { isMatchableCodePoint, unsafeText } from './unsafe-text';
import { leftRecursiveRule } from './grammar-left-recursion';

const ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };
const SIMPLE_ESCAPES = new Set(['t', 'r', 'n', '\\', '"', '[', ']']);

export function checkGrammar(grammar: unknown): string {
  if (typeof grammar !== 'string' || grammar.trim().length === 0) throw refuse('the grammar must be non-empty text');
  if (grammar.length > CONSTRAINT_LIMITS.bytes) throw refuse(`the grammar is longer than ${CONSTRAINT_LIMITS.bytes / 1024} KB`);
  const unsafe = unsafeText(grammar);
  if (unsafe) throw refuse(unsafe);
  new GrammarReader(grammar).read();
  const recursive = leftRecursiveRule(grammar);
  if (recursive)
    throw refuse(`the rule "${recursive}" can reach itself before reading anything (left recursion), which llama.cpp cannot run`);
  return grammar;
}

class GrammarReader {
  private pos = 0;
  private symbols = 0;
  private readonly defined = new Set<string>();
  private readonly used = new Map<string, number>();

  constructor(private readonly text: string) {}

  read(): void {
    this.space(true);
    while (this.pos < this.text.length) {
      const name = this.name();
      if (this.defined.has(name)) this.fail(`the rule "${name}" is defined twice`);
      this.defined.add(name);
      this.space(false);
      if (!this.text.startsWith('::=', this.pos)) this.fail('expected "::="');
      this.pos += 3;
      this.space(true);
      this.alternatives(0);
      if (this.pos < this.text.length && !this.atNewline()) this.fail('expected the end of the line');
      this.space(true);
    }
    if (!this.defined.has('root')) this.fail('there is no "root" rule');
    for (const [name, at] of this.used) {
      if (!this.defined.has(name)) this.fail(`the rule "${name}" is used but never defined`, at);
    }
  }

  private alternatives(depth: number): void {
    this.sequence(depth);
    while (this.text[this.pos] === '|') {
      this.pos++;
      this.space(true);
      this.sequence(depth);
    }
  }

  private sequence(depth: number): void {
    const nested = depth > 0;
    // Symbols the last item expands into: a repetition copies them.
    let last = 0;
    while (this.pos < this.text.length) {
      const char = this.text[this.pos] as string;
      if (char === '"') last = this.literal();
      else if (char === '[') last = this.charClass();
      else if (char === '.') {
        this.pos++;
        last = 1;
      } else if (isWordChar(char)) {
        const at = this.pos;
        const name = this.name();
        if (!this.used.has(name)) this.used.set(name, at);
        last = 1;
      } else if (char === '(') {
        if (depth + 1 > CONSTRAINT_LIMITS.depth) this.fail(`parentheses are nested more than ${CONSTRAINT_LIMITS.depth} deep`);
        this.pos++;
        this.space(true);
        this.alternatives(depth + 1);
        if (this.text[this.pos] !== ')') this.fail('expected ")"');
        this.pos++;
        last = 1;
      } else if (char === '*' || char === '+' || char === '?') {
        if (last === 0) this.fail(`"${char}" follows nothing`);
        this.pos++;
        this.count(last);
        last = 1;
      } else if (char === '{') {
        if (last === 0) this.fail('"{" follows nothing');
        this.count(last * this.repetition());
        last = 1;
      } else if (char === '<') {
        this.fail('token literals (<...>) are not supported');
      } else break;
      this.space(nested);
    }
  }

  /** `{m}`, `{m,}` or `{m,n}`; returns how many copies the native parser makes. */
  private repetition(): number {
    this.pos++;
    this.space(true);
    const least = this.integer();
    let most = least;
    this.space(true);
    if (this.text[this.pos] === ',') {
      this.pos++;
      this.space(true);
      most = /[0-9]/.test(this.text[this.pos] ?? '') ? this.integer() : least + 1;
      this.space(true);
    }
    if (this.text[this.pos] !== '}') this.fail('expected "}"');
    this.pos++;
    if (most < least) this.fail('a repetition {m,n} has m larger than n');
    return Math.max(most, 1);
  }

  private integer(): number {
    const match = /^[0-9]+/.exec(this.text.slice(this.pos, this.pos + 12));
    if (!match) this.fail('expected a number');
    const value = Number(match[0]);
    if (value > CONSTRAINT_LIMITS.repeat) this.fail(`a repetition count is above ${CONSTRAINT_LIMITS.repeat}`);
    this.pos += match[0].length;
    return value;
  }

  private literal(): number {
    this.pos++;
    let chars = 0;
    while (this.text[this.pos] !== '"') {
      if (this.pos >= this.text.length) this.fail('a "..." literal is not closed');
      this.char();
      chars++;
    }
    this.pos++;
    // An empty literal still counts as an item: native parsing refuses loops over nothing itself.
    return Math.max(chars, 1);
  }

  private charClass(): number {
    this.pos++;
    // Leaving NUL out ([^\x00-\x1f]) is harmless; only asking for it is not.
    const negated = this.text[this.pos] === '^';
    if (negated) this.pos++;
    let items = 0;
    while (this.text[this.pos] !== ']') {
      if (this.pos >= this.text.length) this.fail('a [...] character class is not closed');
      this.char(negated);
      if (this.text[this.pos] === '-' && this.text[this.pos + 1] !== ']' && this.pos + 1 < this.text.length) {
        this.pos++;
        this.char(negated);
      }
      items++;
    }
    this.pos++;
    return Math.max(items, 1);
  }

  private char(nulAllowed = false): void {
    if (this.text[this.pos] !== '\\') {
      // A whole code point: a surrogate pair is one character to llama.cpp.
      this.pos += (this.text.codePointAt(this.pos) ?? 0) > 0xffff ? 2 : 1;
      return;
    }
    const escape = this.text[this.pos + 1] ?? '';
    const digits = ESCAPES[escape];
    if (digits !== undefined) {
      const hex = this.text.slice(this.pos + 2, this.pos + 2 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) this.fail(`"\\${escape}" needs ${digits} hex digits`);
      // NUL, surrogates and values past Unicode match nothing a model writes, and crashed a sampler.
      const codePoint = parseInt(hex, 16);
      if (!isMatchableCodePoint(codePoint) && !(nulAllowed && codePoint === 0))
        this.fail(`"\\${escape}${hex}" is not a character a model can write`);
      this.pos += 2 + digits;
    } else if (SIMPLE_ESCAPES.has(escape)) this.pos += 2;
    else this.fail(`unknown escape "\\${escape}"`);
  }

  private name(): string {
    const start = this.pos;
    while (this.pos < this.text.length && isWordChar(this.text[this.pos] as string)) this.pos++;
    if (this.pos === start) this.fail('expected a rule name');
    if (this.pos - start > CONSTRAINT_LIMITS.nameChars) this.fail('a rule name is too long');
    return this.text.slice(start, this.pos);
  }

  /** Spaces and comments; newlines too inside parentheses and between rules. */
  private space(newlines: boolean): void {
    while (this.pos < this.text.length) {
      const char = this.text[this.pos] as string;
      if (char === '#') {
        while (this.pos < this.text.length && !this.atNewline()) this.pos++;
      } else if (char === ' ' || char === '\t' || (newlines && (char === '\n' || char === '\r'))) this.pos++;
      else return;
    }
  }

  private atNewline(): boolean {
    const char = this.text[this.pos];
    return char === '\n' || char === '\r';
  }

  private count(symbols: number): void {
    this.symbols += symbols;
    if (this.symbols > CONSTRAINT_LIMITS.grammarSymbols)
      this.fail(`its repetitions expand to more than ${CONSTRAINT_LIMITS.grammarSymbols} symbols`);
  }

  private fail(reason: string, at = this.pos): never {
    const line = this.text.slice(0, at).split('\n').length;
    throw refuse(`${reason} (line ${line})`);
  }
}

function isWordChar(char: string): boolean {
  return /[a-zA-Z0-9-]/.test(char);
}

function refuse(reason: string): Error {
  return invalidConstraint('grammar', reason);
}
