import type { Extensions } from '@tiptap/core';
import { Placeholder, Selection } from '@tiptap/extensions';
import StarterKit from '@tiptap/starter-kit';
import { ArticleDocumentNode } from './article-document';
import { Figure, type FigureOptions } from './figure';
import { ArticleLink } from './formatting/article-link';
import { CjkEmphasis } from './formatting/cjk-emphasis';
import { ShortcutSelection } from './formatting/shortcut-selection';
import { HistoryKeys } from './history-keys';
import { ParagraphBusy } from './paragraph-busy';
import { ParagraphMenuRoom } from './paragraph-menu-room';

export interface ArticleExtensionOptions {
  assetUrl: (assetId: string) => string;
  /** React node views for figures (off in headless editors). @default true */
  interactive?: boolean;
  placeholder?: string;
  /** What figures need from the app (their buttons, the library search, thumbnails); inert when left out. */
  figure?: Partial<Omit<FigureOptions, 'assetUrl' | 'interactive'>>;
  /** Opens the writer's link field (Ctrl/Cmd+K). */
  editLink?: () => void;
}

/**
 * What the article schema allows and nothing more: paragraphs, headings, bold, italic, links,
 * bulleted and numbered lists, quotes, line breaks, figures (top level only), undo. Code, strike,
 * underline and rules stay off: the project files do not hold them, and pasted HTML loses them.
 */
export function articleExtensions(options: ArticleExtensionOptions): Extensions {
  return [
    StarterKit.configure({
      document: false,
      code: false,
      codeBlock: false,
      horizontalRule: false,
      link: false,
      strike: false,
      underline: false,
      trailingNode: false,
    }),
    ArticleDocumentNode,
    ArticleLink.configure({ editLink: options.editLink ?? (() => {}) }),
    ShortcutSelection,
    CjkEmphasis,
    Figure.configure({ ...options.figure, assetUrl: options.assetUrl, interactive: options.interactive ?? true }),
    ParagraphBusy,
    ParagraphMenuRoom,
    HistoryKeys,
    // The selection stays shown while the link field has the focus: the writer sees what is linked.
    Selection,
    Placeholder.configure({ placeholder: options.placeholder ?? 'Start writing, or compose an article from an outline.' }),
  ];
}
