import { describe, expect, it } from 'vitest';
import { emphasisMarkersPerParagraph } from '../../../electron/studio/documents/markdown-emphasis';
import { MAX_EMPHASIS_MARKERS, parseMarkdownArticle } from '../../../electron/studio/documents/parse-markdown-article';

describe('emphasisMarkersPerParagraph', () => {
  it('counts runs of * and _ in the busiest paragraph, a blank line ending one', () => {
    expect(emphasisMarkersPerParagraph('# Title\n\nNo emphasis here.\n')).toBe(0);
    expect(emphasisMarkersPerParagraph('The tide is **high** and _low_.\n')).toBe(4);
    expect(emphasisMarkersPerParagraph('*a*\n*b*\n\n*c*\n')).toBe(4);
    expect(emphasisMarkersPerParagraph('*a*\n \t\n*b*\n')).toBe(2);
    expect(emphasisMarkersPerParagraph(`${'a*\n'.repeat(300)}`)).toBe(300);
  });

  it('leaves fenced code out', () => {
    expect(emphasisMarkersPerParagraph(`\`\`\`\n${'*_'.repeat(100)}\n\`\`\`\n*a*\n`)).toBe(2);
    expect(emphasisMarkersPerParagraph(`~~~js\n${'*_'.repeat(100)}\n~~~\n`)).toBe(0);
  });
});

describe('parseMarkdownArticle and emphasis', () => {
  it('refuses a paragraph past the limit unread, naming it, and reads the same markers spread over paragraphs', async () => {
    const past = `${'a*'.repeat(MAX_EMPHASIS_MARKERS + 1)}\n`;
    await expect(parseMarkdownArticle(past)).rejects.toMatchObject({
      code: 'import-too-slow',
      message: expect.stringMatching(/5,001 emphasis markers.*at most 5,000/),
    });
    // The same markers spread over paragraphs are an ordinary (if odd) text.
    const spread = `${'a*a*\n\n'.repeat(MAX_EMPHASIS_MARKERS)}`;
    const article = await parseMarkdownArticle(spread);
    expect(article.document.content).toHaveLength(MAX_EMPHASIS_MARKERS);
  }, 60_000);
});
