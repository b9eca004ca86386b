import type { Editor } from '@tiptap/core';
import type { ShortcutName } from '../../keyboard/shortcuts';

export type FormatToolName = 'bold' | 'italic' | 'link' | 'bulletList' | 'orderedList' | 'blockquote';

export interface FormatTool {
  name: FormatToolName;
  /** What the button says to a screen reader and in its tooltip. */
  label: string;
  shortcut: ShortcutName;
  /** Whether the selection has it (the button is pressed). */
  isActive(editor: Editor): boolean;
  /** Whether it can be applied where the selection is (not on a figure, not while read-only). */
  canApply(editor: Editor): boolean;
  /** Toggles it; the link tool has no toggle of its own (its field asks for the address). */
  toggle?(editor: Editor): boolean;
}

/** The formatting toolbar's buttons, in order: the marks, then the blocks. */
export const FORMAT_TOOLS: readonly FormatTool[] = [
  {
    name: 'bold',
    label: 'Bold',
    shortcut: 'bold',
    isActive: (e) => e.isActive('bold'),
    canApply: (e) => e.can().toggleBold(),
    toggle: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    name: 'italic',
    label: 'Italic',
    shortcut: 'italic',
    isActive: (e) => e.isActive('italic'),
    canApply: (e) => e.can().toggleItalic(),
    toggle: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    name: 'link',
    label: 'Link',
    shortcut: 'link',
    isActive: (e) => e.isActive('link'),
    canApply: (e) => e.isEditable && e.can().setMark('link', { href: 'https://example.org' }),
  },
  {
    name: 'bulletList',
    label: 'Bulleted list',
    shortcut: 'bulletList',
    isActive: (e) => e.isActive('bulletList'),
    canApply: (e) => e.can().toggleBulletList(),
    toggle: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    name: 'orderedList',
    label: 'Numbered list',
    shortcut: 'orderedList',
    isActive: (e) => e.isActive('orderedList'),
    canApply: (e) => e.can().toggleOrderedList(),
    toggle: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    name: 'blockquote',
    label: 'Quote',
    shortcut: 'quote',
    isActive: (e) => e.isActive('blockquote'),
    canApply: (e) => e.can().toggleBlockquote(),
    toggle: (e) => e.chain().focus().toggleBlockquote().run(),
  },
];

export type BlockStyle = 'paragraph' | 'heading1' | 'heading2' | 'heading3';

/** The text style choice: paragraph or a heading level (the article's title is level 1), with Tiptap's own shortcut for each. */
export const BLOCK_STYLES: ReadonlyArray<{ style: BlockStyle; label: string; shortcut: ShortcutName }> = [
  { style: 'paragraph', label: 'Paragraph', shortcut: 'paragraph' },
  { style: 'heading1', label: 'Title', shortcut: 'heading1' },
  { style: 'heading2', label: 'Heading', shortcut: 'heading2' },
  { style: 'heading3', label: 'Subheading', shortcut: 'heading3' },
];

/** The style of the block holding the selection, or null (a figure, a deeper heading). */
export function blockStyleAt(editor: Editor): BlockStyle | null {
  if (editor.isActive('paragraph')) return 'paragraph';
  for (const level of [1, 2, 3] as const) if (editor.isActive('heading', { level })) return `heading${level}`;
  return null;
}

export function setBlockStyle(editor: Editor, style: BlockStyle): boolean {
  const chain = editor.chain().focus();
  return style === 'paragraph' ? chain.setParagraph().run() : chain.setHeading({ level: Number(style.slice(-1)) as 1 | 2 | 3 }).run();
}
