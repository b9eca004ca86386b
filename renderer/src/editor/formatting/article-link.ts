import { Link, type LinkOptions } from '@tiptap/extension-link';
import { isAcceptedAddress } from './link-address';

export interface ArticleLinkOptions extends LinkOptions {
  /**
   * Opens the writer's link field (Ctrl/Cmd+K); the field itself is the app's.
   * @default () => {}
   */
  editLink: () => void;
}

/**
 * Tiptap's link, held to what the project files keep: an `href` only (no target, rel, class or
 * title in the saved document), web and email addresses only (pasted HTML with any other link
 * keeps its text and loses the link). A click in the editor places the caret; it never navigates.
 */
export const ArticleLink = Link.extend<ArticleLinkOptions>({
  addOptions() {
    return {
      ...(this.parent?.() as LinkOptions),
      editLink: () => {},
      openOnClick: false,
      autolink: true,
      linkOnPaste: true,
      defaultProtocol: 'https',
      isAllowedUri: (url) => isAcceptedAddress(url),
      shouldAutoLink: (url) => isAcceptedAddress(url),
      HTMLAttributes: { target: '_blank', rel: 'noopener noreferrer nofollow', class: null },
    };
  },

  // Text typed right after a link is not part of it (Tiptap makes links inclusive when autolinking).
  inclusive() {
    return false;
  },

  addAttributes() {
    return { href: { default: null, parseHTML: (element) => element.getAttribute('href') } };
  },

  addKeyboardShortcuts() {
    // Not while the article is read-only (a model job is writing it).
    return { 'Mod-k': () => this.editor.isEditable && (this.options.editLink(), true) };
  },
});
