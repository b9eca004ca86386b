import { articleEditor } from './article-editor';

/** The article takes the keyboard (after a dialog that changed it, or when what had focus is gone): Ctrl+Z and typing work at once. */
export function focusArticle(): void {
  requestAnimationFrame(() => articleEditor()?.commands.focus(null, { scrollIntoView: false }));
}
