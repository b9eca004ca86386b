import type { Editor } from '@tiptap/core';
import { linkAddress } from './link-address';

/** The address of the link at the selection, or '' when there is none. */
export function linkAtSelection(editor: Editor): string {
  const href: unknown = editor.getAttributes('link').href;
  return typeof href === 'string' ? href : '';
}

/**
 * Links the selection (or the whole link the caret is in) to what the writer typed; with nothing
 * selected, the address itself goes in as the link's text. Returns why not, for the writer, or null.
 */
export function applyLink(editor: Editor, typed: string): string | null {
  const address = linkAddress(typed);
  if ('refused' in address) return address.refused;
  const { href } = address;
  const chain = editor.chain().focus();
  if (editor.state.selection.empty && !editor.isActive('link')) {
    const text = href.replace(/^mailto:/i, '');
    return chain.insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run() ? null : 'A link cannot go here.';
  }
  return chain.extendMarkRange('link').setLink({ href }).run() ? null : 'A link cannot go here.';
}

/** Takes the link off the selection, or off the whole link the caret is in; its text stays. */
export function removeLink(editor: Editor): void {
  editor.chain().focus().extendMarkRange('link').unsetLink().run();
}
