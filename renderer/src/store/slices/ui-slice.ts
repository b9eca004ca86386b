import type { StateCreator } from 'zustand';
import type { StudioCapabilities } from '@contract/studio-api';
import { dialogService } from '../../services/dialog-service';
import { toStudioError } from '../../services/studio-error';
import type { StudioStore } from '../studio-store';

type Theme = 'light' | 'dark';
export type SidePanel = 'compose' | 'ask' | 'library';

interface Toast {
  id: number;
  kind: 'error' | 'notice';
  message: string;
  detail?: string;
}

export interface UiSlice {
  theme: Theme;
  panel: SidePanel;
  /** Whether the side panel is shown; a writer on a narrow window hides it to give the article the width. */
  toolsOpen: boolean;
  setupOpen: boolean;
  projectDialogOpen: boolean;
  capabilities: StudioCapabilities | null;
  toasts: Toast[];
  toggleTheme(): void;
  /** Shows `panel` (opening the side panel when it was hidden). */
  showPanel(panel: SidePanel): void;
  toggleTools(): void;
  openSetup(): void;
  closeSetup(): void;
  setProjectDialogOpen(open: boolean): void;
  loadCapabilities(): Promise<void>;
  notify(message: string, detail?: string): void;
  /** Shows a failed call's message (what was typed stays where it was). */
  showError(error: unknown): void;
  dismissToast(id: number): void;
}

const THEME_KEY = 'folio.theme';
const TOOLS_KEY = 'folio.tools';
/** More than this covers the page: the oldest notices go first, errors only when there are no notices left. */
const MAX_TOASTS = 3;
let toastCounter = 0;

/** `toasts` with `added` at the end, cut to MAX_TOASTS (a repeated error replaces its older copy). */
function withToast(toasts: Toast[], added: Toast): Toast[] {
  const kept = toasts.filter((toast) => !(added.kind === 'error' && toast.kind === 'error' && toast.message === added.message));
  while (kept.length >= MAX_TOASTS) {
    const oldestNotice = kept.findIndex((toast) => toast.kind === 'notice');
    kept.splice(oldestNotice === -1 ? 0 : oldestNotice, 1);
  }
  return [...kept, added];
}

/** The writer's choice if they made one, otherwise the system's. */
function initialTheme(): Theme {
  const saved = globalThis.localStorage?.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const createUiSlice: StateCreator<StudioStore, [], [], UiSlice> = (set, get) => ({
  theme: initialTheme(),
  panel: 'compose',
  toolsOpen: globalThis.localStorage?.getItem(TOOLS_KEY) !== 'hidden',
  setupOpen: false,
  projectDialogOpen: false,
  capabilities: null,
  toasts: [],

  toggleTheme() {
    const theme = get().theme === 'dark' ? 'light' : 'dark';
    globalThis.localStorage?.setItem(THEME_KEY, theme);
    set({ theme });
  },
  showPanel: (panel) => {
    if (!get().toolsOpen) get().toggleTools();
    set({ panel });
  },
  toggleTools() {
    const toolsOpen = !get().toolsOpen;
    globalThis.localStorage?.setItem(TOOLS_KEY, toolsOpen ? 'shown' : 'hidden');
    set({ toolsOpen });
  },
  openSetup: () => set({ setupOpen: true }),
  closeSetup: () => set({ setupOpen: false }),
  setProjectDialogOpen: (projectDialogOpen) => set({ projectDialogOpen }),

  async loadCapabilities() {
    try {
      set({ capabilities: await dialogService.capabilities() });
    } catch (error) {
      get().showError(error);
    }
  },

  notify(message, detail) {
    const id = ++toastCounter;
    set((state) => ({ toasts: withToast(state.toasts, { id, kind: 'notice', message, ...(detail ? { detail } : {}) }) }));
    setTimeout(() => get().dismissToast(id), 8000);
  },
  showError(error) {
    const { message, detail } = toStudioError(error);
    const id = ++toastCounter;
    set((state) => ({ toasts: withToast(state.toasts, { id, kind: 'error', message, ...(detail ? { detail } : {}) }) }));
  },
  dismissToast: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
});
