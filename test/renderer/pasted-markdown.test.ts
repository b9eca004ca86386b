import { describe, expect, it } from 'vitest';
import { isPastedMarkdown } from '../../renderer/src/editor/pasted-markdown';

describe('which pastes are Markdown (issue 23, major 4)', () => {
  it('reads plain text with block or inline Markdown', () => {
    for (const text of [
      '# A title',
      'Intro\n\n## Section',
      '- one\n- two',
      '1. first\n2. second',
      '> quoted',
      'See [the map](https://example.com).',
      '![a boat](boat.png)',
      'A **bold** word',
      'An *italic* word',
      '| a | b |\n|---|---|',
    ])
      expect(isPastedMarkdown(text, ''), text).toBe(true);
  });

  it('leaves plain prose, and HTML with its own structure, to the editor', () => {
    for (const text of ['Just a sentence.', 'Two lines\nof prose', '3 * 4 = 12 and 5*6', '#hashtag', '-5 degrees'])
      expect(isPastedMarkdown(text, ''), text).toBe(false);
    expect(isPastedMarkdown('# Title', '<h1>Title</h1>')).toBe(false);
    expect(isPastedMarkdown('**bold**', '<p><strong>bold</strong></p>')).toBe(false);
  });

  it("reads a code editor's coloured copy of Markdown as Markdown", () => {
    expect(isPastedMarkdown('# Title\n- item', '<div style="color: #d4d4d4"><span>#&nbsp;Title</span></div>')).toBe(true);
  });
});
