import { describe, expect, it } from 'vitest';
import { jsonTextTooDeep, jsonValueTooDeep } from '../../../electron/studio/documents/json-depth';

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('JSON depth', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonTextTooDeep(nested(3), 3)).toBe(false);
    expect(jsonTextTooDeep(nested(4), 3)).toBe(true);
    expect(jsonTextTooDeep(`{"a":"${'['.repeat(100)}","b":[{"c":"\\"[[[["}]}`, 3)).toBe(false);
    expect(jsonTextTooDeep(`[{"a":"\\\\"},[[{}]]]`, 4)).toBe(false);
    expect(jsonTextTooDeep(`[{"a":"\\\\"},[[{}]]]`, 3)).toBe(true);
  });

  it('measures a parsed value without recursion, however deep', () => {
    expect(jsonValueTooDeep({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(jsonValueTooDeep({ a: [{ b: [] }] }, 3)).toBe(true);
    expect(jsonValueTooDeep(JSON.parse(nested(200_000)), 32)).toBe(true);
    expect(jsonValueTooDeep('text', 0)).toBe(false);
  });
});
