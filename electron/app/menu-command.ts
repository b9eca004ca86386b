/**
 * What the application menu asks of the page. The page owns the document, so main cannot save
 * or export it alone: a menu click travels to the page as a `menu-command` event.
 */
import type { MenuCommand } from '../contract/studio-api';

export type { MenuCommand };

export const MENU_COMMANDS = ['new-project', 'open-project', 'save', 'save-as', 'export'] as const satisfies readonly MenuCommand[];
