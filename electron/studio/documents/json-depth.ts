/**
 * How deeply JSON nests, measured without recursion. JSON.parse takes any depth, but
 * JSON.stringify (every reply, every save) and recursive validators overflow the stack a few
 * thousand levels down: a project file or a request that deep is refused before it gets there.
 */

/**
 * The deepest a document or manifest nests. Each level of a nested list takes four (list >
 * content > item > content) and linked text at the bottom six (paragraph > content > text >
 * marks > link > attrs): lists nested nine deep, as word processors allow, inside a quote, come
 * to about 50. The stack gives out in the thousands.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text opens more than `limit` arrays and objects inside one another (strings skipped). */
export function jsonTextTooDeep(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // backslash: the next character is escaped
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return false;
}

/** Whether a parsed value nests arrays and objects more than `limit` deep. */
export function jsonValueTooDeep(value: unknown, limit: number = MAX_JSON_DEPTH): boolean {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > limit) return true;
    for (const child of Object.values(next.value)) if (typeof child === 'object' && child !== null) pending.push({ value: child, depth });
  }
  return false;
}
