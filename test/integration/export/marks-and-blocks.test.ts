/**
 * Bold, italic, links, line breaks, lists (nested, numbered from their start) and quotes survive
 * every export, read back the way a reader's program reads them: the Markdown by the import, the
 * HTML parsed, the DOCX by LibreOffice (converted to HTML) and from its XML, the PDF by pdftotext.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleDocument } from '../../../electron/studio/documents/article-document';
import { markdownToDocument } from '../../../electron/studio/documents/markdown-to-document';
import { documentToDocx } from '../../../electron/studio/export/document-to-docx';
import { documentToHtml } from '../../../electron/studio/export/document-to-html';
import { documentToMarkdown } from '../../../electron/studio/export/document-to-markdown';
import { htmlToPdf } from '../../../electron/studio/export/html-to-pdf';
import { RICH_LINK, item, link, para, richDocument, text } from '../../fixtures/rich-document';
import { CHROMIUM, HAS_PDFTOTEXT, HAS_SOFFICE, requireInCi } from './system-tools';

let parent = '';
beforeAll(async () => {
  parent = await mkdtemp(path.join(os.tmpdir(), 'folio-marks-'));
});
afterAll(() => rm(parent, { recursive: true, force: true }));

const noPictures = () => null;

/** What a reader sees of the rich article, as selectors and the text each finds, in order. */
const EXPECTED_ELEMENTS: Array<[string, string[]]> = [
  ['strong', ['bold', 'both', 'a tide table']],
  ['em', ['boats', 'italic', 'both', 'tarred']],
  ['ul > li > p', ['Nets', 'Ropes, tarred', 'Quoted point']],
  ['ol li', ['Third knot', 'Fourth knot', 'Launch', 'Return']],
  ['blockquote p', ['The sea gives and the sea takes.', 'Quoted point']],
];

function parseHtml(html: string): Document {
  const window = new Window();
  window.document.write(html);
  return window.document as unknown as Document;
}

const flat = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

function expectRichHtml(page: Document): void {
  for (const [selector, texts] of EXPECTED_ELEMENTS)
    expect(
      [...page.querySelectorAll(selector)].map((element) => flat(element.textContent)),
      selector,
    ).toEqual(texts);
  expect([...page.querySelectorAll('a')].map((element) => [flat(element.textContent), element.getAttribute('href')])).toEqual([
    ['a tide table', RICH_LINK],
    ['the harbour', 'mailto:harbour@example.com'],
  ]);
}

describe('Markdown', () => {
  it('reads back every mark and block it wrote', () => {
    const markdown = documentToMarkdown(richDocument(), noPictures);
    expect(markdown).toContain(
      'Plain, **bold**, *italic*, **_both_** and [**a tide table**](https://example.com/tides?from=3\\&to=5).\n\nFirst line\\\nsecond line',
    );
    expect(markdown).toContain('- Ropes, *tarred*\n\n  3. Third knot\n  4. Fourth knot\n\n1. Launch');
    expect(markdownToDocument(markdown).document).toEqual(richDocument());
  });

  it('writes the same Markdown again after an import (stable)', () => {
    const written = documentToMarkdown(richDocument(), noPictures);
    expect(documentToMarkdown(markdownToDocument(written).document, noPictures)).toBe(written);
    const handWritten =
      '# Title\n\nSome __strong__ and _light_ words, [a link][ref] and <span>html</span>.\n\n* one\n* two\n  1. nested\n\n7) seventh\n8) eighth\n\n> quoted\n> text\n\n```\ncode stays\n```\n\n[ref]: https://example.com\n';
    const once = documentToMarkdown(markdownToDocument(handWritten).document, noPictures);
    expect(documentToMarkdown(markdownToDocument(once).document, noPictures)).toBe(once);
    expect(once).toBe(
      '# Title\n\nSome **strong** and *light* words, [a link](https://example.com) and \\<span>html\\</span>.\n\n- one\n- two\n  1. nested\n\n7. seventh\n8. eighth\n\n> quoted text\n\ncode stays\n',
    );
  });

  it('keeps what it cannot mark as text, and makes no link of a script address', () => {
    const { document } = markdownToDocument(
      'Run [this](javascript:alert(1)) or `code` <b>tag</b>.\n\n| a | b |\n| - | - |\n\n~~struck~~\n',
    );
    expect(document.content).toEqual([
      para(text('Run this or code <b>tag</b>.')),
      para(text('| a | b | | - | - |')),
      para(text('~~struck~~')),
    ]);
  });

  it('numbers a list with a start Markdown cannot write (a pasted start="-3") from 0, and reads it back', () => {
    const odd: ArticleDocument = {
      ...richDocument(),
      content: [{ type: 'orderedList', attrs: { start: -3 }, content: [item(para(text('Odd')))] }],
    };
    const markdown = documentToMarkdown(odd, noPictures);
    expect(markdown).toBe('0. Odd\n');
    expect(markdownToDocument(markdown).document.content).toEqual([
      { type: 'orderedList', attrs: { start: 0 }, content: [item(para(text('Odd')))] },
    ]);
  });

  it('writes no link to an unsafe address, in any format, even if one gets past the checks', async () => {
    const unsafe: ArticleDocument = { ...richDocument(), content: [para(text('click', link('javascript:alert(1)')))] };
    const outputs = [
      documentToMarkdown(unsafe, noPictures),
      documentToHtml(unsafe, noPictures),
      Buffer.from(unzipSync(await documentToDocx(unsafe, new Map(), 'x'))['word/document.xml'] as Uint8Array).toString('utf8'),
    ];
    for (const output of outputs) {
      expect(output).toContain('click');
      expect(output).not.toMatch(/javascript/i);
    }
  });
});

describe('HTML', () => {
  it('writes strong, em, escaped links, ul, ol with start, li and blockquote', () => {
    const html = documentToHtml(richDocument(), noPictures);
    expect(html).toContain(`<a href="${RICH_LINK.replace('&', '&amp;')}"><strong>a tide table</strong></a>`);
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('First line<br>second line');
    expectRichHtml(parseHtml(html));
  });
});

describe('DOCX', () => {
  let docx: Buffer;
  beforeAll(async () => {
    docx = await documentToDocx(richDocument(), new Map(), 'Tides');
  });

  it('writes bold and italic runs, hyperlinks, Word lists numbered from their start, and the Quote style', () => {
    const parts = unzipSync(docx);
    const xml = Buffer.from(parts['word/document.xml'] as Uint8Array).toString('utf8');
    const numbering = Buffer.from(parts['word/numbering.xml'] as Uint8Array).toString('utf8');
    const relations = Buffer.from(parts['word/_rels/document.xml.rels'] as Uint8Array).toString('utf8');
    expect(xml).toMatch(/<w:b\/>.*<w:t xml:space="preserve">bold<\/w:t>/);
    expect(xml).toMatch(/<w:i\/>.*<w:t xml:space="preserve">italic<\/w:t>/);
    expect(xml).toContain('<w:hyperlink');
    expect(relations).toContain(`Target="${RICH_LINK.replace('&', '&amp;')}"`);
    expect(relations).toContain('Target="mailto:harbour@example.com"');
    expect(xml).toContain('<w:pStyle w:val="Quote"/>');
    expect(xml).toContain('<w:br/>');
    expect(numbering).toContain('<w:numFmt w:val="bullet"/>');
    expect(numbering).toContain('<w:start w:val="3"/>');
  });

  it.skipIf(!requireInCi(HAS_SOFFICE, 'LibreOffice (soffice)'))(
    'opens in LibreOffice with the marks, links, lists and quote',
    async () => {
      const source = path.join(parent, 'rich.docx');
      await writeFile(source, docx);
      const profile = pathToFileURL(path.join(parent, 'lo-profile')).href;
      const run = spawnSync(
        'soffice',
        [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'html', '--outdir', parent, source],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const page = parseHtml(await readFile(path.join(parent, 'rich.html'), 'utf8'));
      expect([...page.querySelectorAll('b, strong')].map((element) => flat(element.textContent)).filter(Boolean)).toEqual(
        expect.arrayContaining(['bold', 'both', 'a tide table']),
      );
      expect([...page.querySelectorAll('i, em')].map((element) => flat(element.textContent)).filter(Boolean)).toEqual(
        expect.arrayContaining(['italic', 'both', 'tarred']),
      );
      expect([...page.querySelectorAll('a[href]')].map((element) => element.getAttribute('href'))).toEqual(
        expect.arrayContaining([RICH_LINK, 'mailto:harbour@example.com']),
      );
      expect([...page.querySelectorAll('li')].map((element) => flat(element.textContent))).toEqual(
        expect.arrayContaining(['Nets', 'Third knot', 'Launch', 'Return', 'Quoted point']),
      );
      expect(page.querySelector('ol[start="3"]'), 'the nested list counts from 3').not.toBeNull();
      expect(flat(page.body.textContent)).toContain('The sea gives and the sea takes.');
    },
    150_000,
  );
});

describe.skipIf(!requireInCi(CHROMIUM !== null, 'Chromium'))('PDF', () => {
  // Chromium draws bullets as shapes, so pdftotext reads the numbers only.
  it('prints the lists with their numbers and the quote', async () => {
    const pdf = await htmlToPdf(documentToHtml(richDocument(), noPictures), { chromiumPath: CHROMIUM as string });
    if (!requireInCi(HAS_PDFTOTEXT, 'pdftotext (poppler-utils)')) return;
    const file = path.join(parent, 'rich.pdf');
    await writeFile(file, pdf);
    const printed = flat(spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout);
    for (const line of [
      'Plain, bold, italic, both and a tide table.',
      'Nets Ropes, tarred 3. Third knot 4. Fourth knot',
      '1. Launch',
      '2. Return',
      'The sea gives and the sea takes.',
      'First line second line',
    ])
      expect(printed).toContain(line);
  }, 60_000);
});
