/** A real, headless article editor (figures without React node views) for the renderer's tests. */
import { Editor, type JSONContent } from '@tiptap/core';
import type { ArticleDocument, FigureAttrs } from '../../electron/contract/studio-api';
import { SCHEMA_VERSION, toEditorContent } from '../../renderer/src/editor/article-document';
import { articleExtensions } from '../../renderer/src/editor/article-extensions';

export function articleEditorFor(document: ArticleDocument, options: { editLink?: () => void } = {}): Editor {
  return new Editor({
    element: globalThis.document.createElement('div'),
    extensions: articleExtensions({ assetUrl: (assetId) => `asset://${assetId}`, interactive: false, ...options }),
    content: toEditorContent(document),
    injectCSS: false,
  });
}

export const assetId = (digit: number) => String(digit).repeat(64);

export function figureAttrs(overrides: Partial<FigureAttrs> = {}): FigureAttrs {
  return {
    assetId: assetId(1),
    caption: 'Boats at dusk',
    alt: 'boats',
    provenance: 'library',
    slotTitle: 'boats',
    candidates: [assetId(1), assetId(2), assetId(3)],
    chosen: 0,
    emptyReason: null,
    ...overrides,
  };
}

export function doc(...content: ArticleDocument['content']): ArticleDocument {
  return { type: 'doc', attrs: { schemaVersion: SCHEMA_VERSION }, content };
}

export const p = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });
export const h = (level: 1 | 2, text: string) => ({
  type: 'heading' as const,
  attrs: { level },
  content: [{ type: 'text' as const, text }],
});
export const fig = (attrs: Partial<FigureAttrs> = {}) => ({ type: 'figure' as const, attrs: figureAttrs(attrs) });

export function paragraphs(json: JSONContent): string[] {
  return (json.content ?? [])
    .filter((node) => node.type === 'paragraph')
    .map((node) => (node.content ?? []).map((child) => child.text).join(''));
}
