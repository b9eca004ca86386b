import type { Extensions } from '@tiptap/core';
import { Placeholder } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { ArticleDocumentNode } from './article-document';
import { Figure, type FigureOptions } from './figure';
import { HistoryKeys } from './history-keys';
import { ParagraphBusy } from './paragraph-busy';

export interface ArticleExtensionOptions {
  assetUrl: (assetId: string) => string;
  /** React node views for figures (off in headless editors). @default true */
  interactive?: boolean;
  placeholder?: string;
  /** What figures need from the app (their buttons, the library search, thumbnails); inert when left out. */
  figure?: Partial<Omit<FigureOptions, 'assetUrl' | 'interactive'>>;
}

/**
 * What the article schema allows and nothing more: paragraphs, headings, figures, undo.
 * Marks, lists, quotes and hard breaks stay off: the project files do not accept them.
 */
export function articleExtensions(options: ArticleExtensionOptions): Extensions {
  return [
    StarterKit.configure({
      document: false,
      blockquote: false,
      bold: false,
      bulletList: false,
      code: false,
      codeBlock: false,
      hardBreak: false,
      horizontalRule: false,
      italic: false,
      link: false,
      listItem: false,
      listKeymap: false,
      orderedList: false,
      strike: false,
      underline: false,
      trailingNode: false,
    }),
    ArticleDocumentNode,
    Figure.configure({ ...options.figure, assetUrl: options.assetUrl, interactive: options.interactive ?? true }),
    ParagraphBusy,
    HistoryKeys,
    Placeholder.configure({ placeholder: options.placeholder ?? 'Start writing, or compose an article from an outline.' }),
  ];
}
