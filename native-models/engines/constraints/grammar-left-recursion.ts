/**
 * Left recursion in a GBNF grammar: a rule that can reach itself before reading a character,
 * directly or through items that may match nothing (`x?`, `x*`, `x{0,n}`, a rule that can be
 * empty). llama.cpp spins on such a grammar for good (seen: `root ::= "a"? root "b" | "c"` never
 * answered), so it is refused before native code sees it. Runs on a grammar the reader
 * (check-grammar.ts) has already accepted, so this parser need not report syntax errors.
 */

type Item =
  | { kind: 'char' }
  | { kind: 'empty' }
  | { kind: 'ref'; name: string }
  | { kind: 'group'; alternatives: Item[][] }
  | { kind: 'optional'; item: Item }
  | { kind: 'repeat'; item: Item };

export function leftRecursiveRule(grammar: string): string | null {
  const rules = parseRules(grammar);
  const nullable = nullableRules(rules);
  const isNullable = (item: Item): boolean => itemNullable(item, nullable);
  const leftmost = new Map<string, Set<string>>();
  for (const [name, alternatives] of rules) {
    const reached = new Set<string>();
    for (const sequence of alternatives) collectLeftmost(sequence, reached, isNullable);
    leftmost.set(name, reached);
  }
  for (const name of rules.keys()) if (reaches(name, name, leftmost)) return name;
  return null;
}

function reaches(from: string, target: string, leftmost: Map<string, Set<string>>): boolean {
  const seen = new Set<string>();
  const queue = [...(leftmost.get(from) ?? [])];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (next === target) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(leftmost.get(next) ?? []));
  }
  return false;
}

function collectLeftmost(sequence: Item[], reached: Set<string>, isNullable: (item: Item) => boolean): void {
  for (const item of sequence) {
    addLeftmost(item, reached, isNullable);
    if (!isNullable(item)) return;
  }
}

function addLeftmost(item: Item, reached: Set<string>, isNullable: (item: Item) => boolean): void {
  if (item.kind === 'ref') reached.add(item.name);
  else if (item.kind === 'group') for (const sequence of item.alternatives) collectLeftmost(sequence, reached, isNullable);
  else if (item.kind === 'optional' || item.kind === 'repeat') addLeftmost(item.item, reached, isNullable);
}

function nullableRules(rules: Map<string, Item[][]>): Set<string> {
  const nullable = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, alternatives] of rules) {
      if (nullable.has(name)) continue;
      if (alternatives.some((sequence) => sequence.every((item) => itemNullable(item, nullable)))) {
        nullable.add(name);
        changed = true;
      }
    }
  }
  return nullable;
}

function itemNullable(item: Item, nullable: ReadonlySet<string>): boolean {
  switch (item.kind) {
    case 'char':
      return false;
    case 'empty':
    case 'optional':
      return true;
    case 'ref':
      return nullable.has(item.name);
    case 'group':
      return item.alternatives.some((sequence) => sequence.every((inner) => itemNullable(inner, nullable)));
    case 'repeat':
      return itemNullable(item.item, nullable);
  }
}

/** rule name -> alternatives -> items; comments, spacing and escapes are skipped over. */
function parseRules(text: string): Map<string, Item[][]> {
  const rules = new Map<string, Item[][]>();
  let pos = 0;
  const skip = (newlines: boolean): void => {
    while (pos < text.length) {
      const char = text[pos] as string;
      if (char === '#') while (pos < text.length && text[pos] !== '\n') pos++;
      else if (char === ' ' || char === '\t' || char === '\r' || (newlines && char === '\n')) pos++;
      else break;
    }
  };
  const name = (): string => {
    const start = pos;
    while (pos < text.length && /[A-Za-z0-9_-]/.test(text[pos] as string)) pos++;
    return text.slice(start, pos);
  };
  const skipQuoted = (close: string): boolean => {
    pos++;
    let characters = 0;
    while (pos < text.length && text[pos] !== close) {
      pos += text[pos] === '\\' ? 2 : 1;
      characters++;
    }
    pos++;
    return characters > 0;
  };
  const alternatives = (nested: boolean): Item[][] => {
    const result: Item[][] = [sequence(nested)];
    while (text[pos] === '|') {
      pos++;
      skip(true);
      result.push(sequence(nested));
    }
    return result;
  };
  const sequence = (nested: boolean): Item[] => {
    const items: Item[] = [];
    while (pos < text.length) {
      const char = text[pos] as string;
      if (char === '"') items.push(skipQuoted('"') ? { kind: 'char' } : { kind: 'empty' });
      else if (char === '[') items.push((skipQuoted(']'), { kind: 'char' }));
      else if (char === '.') items.push((pos++, { kind: 'char' }));
      else if (/[A-Za-z0-9_-]/.test(char)) items.push({ kind: 'ref', name: name() });
      else if (char === '(') {
        pos++;
        skip(true);
        items.push({ kind: 'group', alternatives: alternatives(true) });
        pos++; // ')'
      } else if (char === '*' || char === '?' || char === '+' || char === '{') {
        const last = items.pop() as Item;
        let least = char === '+' ? 1 : 0;
        if (char === '{') {
          const close = text.indexOf('}', pos);
          least = Number(/^\{\s*(\d+)/.exec(text.slice(pos, close + 1))?.[1] ?? 0);
          pos = close + 1;
        } else pos++;
        items.push(least === 0 ? { kind: 'optional', item: last } : { kind: 'repeat', item: last });
      } else break;
      skip(nested);
    }
    return items;
  };
  skip(true);
  while (pos < text.length) {
    const rule = name();
    skip(false);
    pos += 3; // '::='
    skip(true);
    rules.set(rule, alternatives(false));
    skip(true);
  }
  return rules;
}
