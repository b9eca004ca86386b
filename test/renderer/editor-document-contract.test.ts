// @vitest-environment happy-dom
/**
 * The editor and the studio agree on the document: what the editor saves after every kind of
 * formatting is a document the studio accepts (its schema check), at the studio's version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Editor } from '@tiptap/core';
import { DOCUMENT_SCHEMA_VERSION } from '../../electron/studio/documents/article-document';
import { documentShapeProblem } from '../../electron/studio/documents/document-schema';
import { fromEditorJson, SCHEMA_VERSION } from '../../renderer/src/editor/article-document';
import { applyLink } from '../../renderer/src/editor/formatting/link-commands';
import { FORMAT_TOOLS } from '../../renderer/src/editor/formatting/format-tools';
import { articleEditorFor, doc, fig, h, p } from './article-editor-fixture';

let editor: Editor;
afterEach(() => editor?.destroy());

describe('the editor’s document', () => {
  it('is at the studio’s schema version', () => {
    expect(SCHEMA_VERSION).toBe(DOCUMENT_SCHEMA_VERSION);
  });

  it('passes the studio’s check after every mark and block, a line break and pasted HTML', () => {
    editor = articleEditorFor(doc(h(1, 'Harbour'), p('Boats at dusk'), fig(), p('Nets'), p('Quiet')));
    editor.commands.setTextSelection({ from: 10, to: 15 });
    for (const name of ['bold', 'italic'] as const) FORMAT_TOOLS.find((tool) => tool.name === name)?.toggle?.(editor);
    editor.commands.setTextSelection({ from: 10, to: 15 });
    expect(applyLink(editor, 'example.org')).toBeNull();
    editor.commands.setHardBreak();
    const end = editor.state.doc.content.size;
    editor.commands.setTextSelection(end - 3);
    FORMAT_TOOLS.find((tool) => tool.name === 'blockquote')?.toggle?.(editor);
    editor.commands.setTextSelection(end - 10);
    FORMAT_TOOLS.find((tool) => tool.name === 'orderedList')?.toggle?.(editor);
    editor.commands.setTextSelection(editor.state.doc.content.size);
    editor.view.pasteHTML(
      '<ul><li><p>one <a href="https://example.org/a" title="t" target="_self">two</a></p><ul><li>nested</li></ul></li></ul><blockquote><h2>Quoted head</h2></blockquote>',
    );
    const saved = fromEditorJson(editor.getJSON());
    const types = JSON.stringify(saved);
    for (const type of ['bold', 'italic', 'link', 'hardBreak', 'blockquote', 'orderedList', 'bulletList', 'figure'])
      expect(types).toContain(`"type":"${type}"`);
    expect(documentShapeProblem(saved)).toBeNull();
  });
});
