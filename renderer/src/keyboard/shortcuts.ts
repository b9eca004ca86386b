/** The app's shortcuts, written once; labels follow the platform (⌘ on macOS, Ctrl elsewhere). */
const SHORTCUTS = {
  compose: 'Mod+Enter',
  save: 'Mod+S',
  undo: 'Mod+Z',
  redo: 'Mod+Shift+Z',
  focusAsk: 'Mod+Shift+A',
  focusLibrarySearch: 'Mod+Shift+L',
  modelSetup: 'Mod+Shift+M',
  toggleTools: 'Mod+\\',
  cancelJob: 'Escape',
  // The editor's own (Tiptap answers them while the article has focus).
  bold: 'Mod+B',
  italic: 'Mod+I',
  link: 'Mod+K',
  bulletList: 'Mod+Shift+8',
  orderedList: 'Mod+Shift+7',
  quote: 'Mod+Shift+B',
  paragraph: 'Mod+Alt+0',
  heading1: 'Mod+Alt+1',
  heading2: 'Mod+Alt+2',
  heading3: 'Mod+Alt+3',
} as const;

export type ShortcutName = keyof typeof SHORTCUTS;

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export function shortcutLabel(name: ShortcutName): string {
  const keys = SHORTCUTS[name];
  return isMac ? keys.replace('Mod+', '⌘').replace('Shift+', '⇧').replace('Alt+', '⌥').replace('Enter', '↩') : keys.replace('Mod', 'Ctrl');
}

/** Whether a key event is the shortcut (Ctrl or ⌘ both count as Mod). */
export function matchesShortcut(
  event: KeyboardEvent | { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
  name: ShortcutName,
): boolean {
  const parts = SHORTCUTS[name].split('+');
  const key = parts.at(-1)!;
  const wantsMod = parts.includes('Mod');
  const wantsShift = parts.includes('Shift');
  const mod = event.ctrlKey || event.metaKey;
  return mod === wantsMod && event.shiftKey === wantsShift && !event.altKey && event.key.toLowerCase() === key.toLowerCase();
}
