import { describe, expect, it } from 'vitest';
import { readPastedMarkdown } from '../../../electron/studio/documents/read-pasted-markdown';

describe('pasted Markdown, read as Import reads a file (issue 23, major 4)', () => {
  it('keeps headings, lists, quotes, links and emphasis; a picture stays a figure that says why it is empty', async () => {
    const { document, leftOut } = await readPastedMarkdown(
      [
        '## Getting there',
        '',
        'Take the **early** train, *not* the bus. See [the timetable](https://example.com/trains).',
        '',
        '- tickets',
        '- a map',
        '',
        '> Bring a coat.',
        '',
        '![The quay](https://example.com/quay.jpg)',
      ].join('\n'),
    );
    expect(document.content.map((node) => node.type)).toEqual(['heading', 'paragraph', 'bulletList', 'blockquote', 'figure']);
    expect(JSON.stringify(document.content[0])).toContain('Getting there');
    expect(JSON.stringify(document.content[1])).toMatch(/"bold".*"italic".*"link".*https:\/\/example\.com\/trains/s);
    const figure = document.content[4];
    expect(figure?.type === 'figure' && figure.attrs.emptyReason).toMatch(
      /https:\/\/example\.com\/quay\.jpg was not pasted: Folio does not fetch pictures from the web/,
    );
    expect(leftOut).toEqual(['https://example.com/quay.jpg']);
  });

  it('names a picture from another file the same way', async () => {
    const { leftOut, document } = await readPastedMarkdown('![](pictures/boat.png)');
    expect(leftOut).toEqual(['pictures/boat.png']);
    expect(document.content[0]?.type === 'figure' && document.content[0].attrs.emptyReason).toMatch(
      /a pasted text brings no pictures along/,
    );
  });
});
