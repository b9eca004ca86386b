import type { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { linkAddress } from './link-address';

/** The address of the link at the selection, or '' when there is none. */
export function linkAtSelection(editor: Editor): string {
  const href: unknown = editor.getAttributes('link').href;
  return typeof href === 'string' ? href : '';
}

/**
 * Links the selection (or the whole link the caret is in) to what the writer typed; with nothing
 * selected, the address itself goes in as the link's text. The caret ends after the link.
 * Returns why not, for the writer, or null.
 * The caller gives the article the focus back (synchronously: Tiptap's focus command waits a
 * frame and then puts back the selection it had, undoing keys pressed meanwhile).
 */
export function applyLink(editor: Editor, typed: string): string | null {
  const address = linkAddress(typed);
  if ('refused' in address) return address.refused;
  const { href } = address;
  const chain = editor.chain();
  if (editor.state.selection.empty && !editor.isActive('link')) {
    const text = href.replace(/^mailto:/i, '');
    return chain.insertContent({ type: 'text', text, marks: [{ type: 'link', attrs: { href } }] }).run() ? null : 'A link cannot go here.';
  }
  // The caret then goes to the link's end, as in other editors: the writer types on after it.
  const linked = chain
    .extendMarkRange('link')
    .setLink({ href })
    .command(({ tr }) => (tr.setSelection(TextSelection.near(tr.doc.resolve(tr.selection.to))), true))
    .run();
  return linked ? null : 'A link cannot go here.';
}

/** Takes the link off the selection, or off the whole link the caret is in; its text stays (the caller focuses, as above). */
export function removeLink(editor: Editor): void {
  editor.chain().extendMarkRange('link').unsetLink().run();
}
