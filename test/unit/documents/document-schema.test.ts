/**
 * The version-2 document: marks, lists, quotes and line breaks in the shapes Tiptap 3 writes,
 * checked by the project's validator; figures only at the top level; unsafe links made text.
 */
import { getSchema, Node } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_SCHEMA_VERSION,
  figure,
  textOf,
  type ArticleDocument,
  type BlockNode,
  type TextBlockNode,
} from '../../../electron/studio/documents/article-document';
import { documentShapeProblem, normalizeDocument } from '../../../electron/studio/documents/document-schema';
import { parseDocument } from '../../../electron/studio/documents/parse-document';
import { validateRequest } from '../../../electron/studio/service/validate-request';
import { SCHEMA_VERSION } from '../../../renderer/src/editor/article-document/article-document';

const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const doc = (...content: unknown[]) => ({ type: 'doc', attrs: { schemaVersion: DOCUMENT_SCHEMA_VERSION }, content });
const text = (value: string, ...marks: unknown[]) => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks } : {}) });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const item = (...content: unknown[]) => ({ type: 'listItem', content });
const link = (href: string) => ({
  type: 'link',
  attrs: { href, target: '_blank', rel: 'noopener noreferrer nofollow', class: null, title: null },
});

/** Every new node and mark, as Tiptap 3's StarterKit writes them (its JSON, round-tripped through its schema below). */
const everything = doc(
  { type: 'heading', attrs: { level: 1 }, content: [text('A '), text('bold', { type: 'bold' }), text(' title')] },
  para(
    text('Plain, '),
    text('italic', { type: 'italic' }),
    text(', '),
    text('both', { type: 'bold' }, { type: 'italic' }),
    { type: 'hardBreak' },
    text('a link', link('https://example.com/a?b=1')),
  ),
  {
    type: 'bulletList',
    content: [
      item(para(text('First point'))),
      item(para(text('Second point')), {
        type: 'orderedList',
        attrs: { start: 3, type: null },
        content: [item(para(text('Nested three'))), item(para(text('Nested four', link('mailto:me@example.com'))))],
      }),
    ],
  },
  { type: 'blockquote', content: [para(text('Quoted words.')), { type: 'bulletList', content: [item(para(text('A quoted point')))] }] },
);

/** Tiptap's own schema for StarterKit, with the article's doc node (figures are the renderer's and not needed here). */
const tiptapSchema = getSchema([
  StarterKit.configure({ document: false }),
  Node.create({
    name: 'doc',
    topNode: true,
    content: 'block+',
    addAttributes: () => ({ schemaVersion: { default: DOCUMENT_SCHEMA_VERSION } }),
  }),
]);

function nestedLists(depth: number): unknown {
  let list: unknown = { type: 'bulletList', content: [item(para(text(`level ${depth}`)))] };
  for (let level = depth - 1; level >= 1; level--) list = { type: 'bulletList', content: [item(para(text(`level ${level}`)), list)] };
  return list;
}

describe('the version-2 document schema', () => {
  it('accepts every mark and block exactly as Tiptap 3 writes them', () => {
    const written = tiptapSchema.nodeFromJSON(everything);
    written.check();
    expect(written.toJSON()).toEqual(everything);
    expect(documentShapeProblem(everything)).toBeNull();
    const { document } = parseDocument(bytes(everything));
    expect(document).toEqual(everything);
  });

  it('accepts lists nested as deep as word processors allow (9 levels), with figures beside them', () => {
    expect(documentShapeProblem(doc(nestedLists(9), { type: 'blockquote', content: [nestedLists(6)] }, figure()))).toBeNull();
  });

  it('refuses a figure inside a list or a quote, naming where it is', () => {
    const inList = doc(para(text('Intro')), { type: 'bulletList', content: [item(para(text('One')), figure())] });
    expect(documentShapeProblem(inList)?.message).toBe(
      'block 2 (a bulleted list), item 1, block 2 (a figure): a figure cannot be inside a list or a quote; figures stand on their own between paragraphs',
    );
    const inQuote = doc({ type: 'blockquote', content: [figure()] });
    expect(() => parseDocument(bytes(inQuote))).toThrow(
      'document.json is not a valid Folio document: block 1 (a quote), block 1 (a figure): a figure cannot be inside a list or a quote',
    );
  });

  it('refuses shapes the editor cannot hold, saying what is wrong', () => {
    expect(documentShapeProblem(doc({ type: 'bulletList', content: [] }))?.message).toBe(
      'block 1 (a bulleted list): content must NOT have fewer than 1 items',
    );
    expect(
      documentShapeProblem(doc({ type: 'orderedList', content: [item({ type: 'bulletList', content: [item(para())] })] }))?.message,
    ).toBe('block 1 (a numbered list), item 1, block 1 (a bulleted list): must be a paragraph here');
    expect(documentShapeProblem(doc(para(text('struck', { type: 'strike' }))))?.message).toBe(
      'block 1 (a paragraph), part 1 (a text), mark 1 is of an unknown kind ("strike")',
    );
    expect(documentShapeProblem(doc(para(text('x', { type: 'link', attrs: {} }))))?.message).toBe(
      'block 1 (a paragraph), part 1 (a text), mark 1 (a link): href is missing',
    );
    expect(documentShapeProblem(doc({ type: 'orderedList', attrs: { start: 'three' }, content: [item(para())] }))?.message).toBe(
      'block 1 (a numbered list): start must be integer',
    );
  });

  it('drops a link to anything but the web or e-mail to its plain text, on opening and on every request', () => {
    const hostile = [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      '/relative/path',
      'vbscript:x',
    ];
    const unsafe = doc(
      ...hostile.map((href) => para(text('click', link(href), { type: 'bold' }))),
      para(text('kept', link('https://example.com'))),
      para(text('null', { type: 'link', attrs: { href: null } })),
    );
    expect(documentShapeProblem(unsafe)).toBeNull();
    const { document } = parseDocument(bytes(unsafe));
    const paragraphs = document.content.map((block) => block.type === 'paragraph' && block.content?.[0]);
    expect(paragraphs.slice(0, hostile.length)).toEqual(hostile.map(() => ({ type: 'text', text: 'click', marks: [{ type: 'bold' }] })));
    expect(paragraphs[hostile.length]).toEqual(text('kept', link('https://example.com')));
    expect(paragraphs.at(-1)).toEqual({ type: 'text', text: 'null' });
    const nested = doc({
      type: 'blockquote',
      content: [{ type: 'bulletList', content: [item(para(text('deep', link('javascript:void(0)'))))] }],
    }) as ArticleDocument;
    normalizeDocument(nested);
    expect(JSON.stringify(nested)).not.toContain('javascript');
    const request = { document: doc(para(text('saved', link('javascript:alert(1)')))), mode: 'save' };
    expect(validateRequest('saveDocument', request)).toBe('saveDocument');
    expect(request.document.content).toEqual([para({ type: 'text', text: 'saved' })]);
  });

  it('reads a version-1 document as version 2, unchanged but for the version', () => {
    const v1 = {
      type: 'doc',
      attrs: { schemaVersion: 1 },
      content: [{ type: 'heading', attrs: { level: 1 }, content: [text('Title')] }, para(text('Text.'))],
    };
    const { document, fromVersion } = parseDocument(bytes(v1));
    expect(fromVersion).toBe(1);
    expect(document).toEqual({ ...v1, attrs: { schemaVersion: 2 } });
  });

  it('is the version the editor stamps', () => {
    expect(SCHEMA_VERSION).toBe(DOCUMENT_SCHEMA_VERSION);
  });
});

describe('textOf', () => {
  const [heading, paragraph, list, quote] = everything.content as BlockNode[] as TextBlockNode[];

  it('reads text inside marks, lists and quotes, a line break as a space', () => {
    expect(textOf(heading as TextBlockNode)).toBe('A bold title');
    expect(textOf(paragraph as TextBlockNode)).toBe('Plain, italic, both a link');
    expect(textOf(list as TextBlockNode)).toBe('First point\nSecond point\nNested three\nNested four');
    expect(textOf(quote as TextBlockNode)).toBe('Quoted words.\nA quoted point');
  });
});
