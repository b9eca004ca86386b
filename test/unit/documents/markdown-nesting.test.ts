import { describe, expect, it } from 'vitest';
import { markdownNesting } from '../../../electron/studio/documents/markdown-nesting';

describe('markdownNesting', () => {
  it('counts list and quote markers that open a line', () => {
    expect(markdownNesting('# Title\n\nA paragraph with - a dash and > a sign.\n')).toBe(0);
    expect(markdownNesting('- a\n- b\n')).toBe(1);
    expect(markdownNesting('> - 1. x\n')).toBe(3);
    expect(markdownNesting(`${'- '.repeat(500)}x`)).toBe(500);
    expect(markdownNesting(`${'>'.repeat(500)} x`)).toBe(500);
    expect(markdownNesting('12. x\n1234567890. not a marker\n')).toBe(1);
  });

  it('counts the indentation before the first marker in steps of two', () => {
    const indented = Array.from({ length: 30 }, (_, level) => `${'  '.repeat(level)}- x`).join('\n');
    expect(markdownNesting(indented)).toBe(30);
    expect(markdownNesting('\t\t- x\n')).toBe(5);
    // An emphasis marker, a thematic break or a word is no list.
    expect(markdownNesting('*a* and *b*\n***\n-not a list\n')).toBe(0);
  });
});
