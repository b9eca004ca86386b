/**
 * The application menu. File commands go to the page (it owns the document); Edit is the
 * platform's own roles; the theme follows nativeTheme, which the page sees as
 * prefers-color-scheme. Reload and the developer tools exist only in development.
 */
import { Menu, app, nativeTheme, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../contract/studio-api';

export interface MenuOptions {
  dev: boolean;
  send: (command: MenuCommand) => void;
}

export function menuTemplate({ dev, send }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = process.platform === 'darwin';
  // The page owns its keyboard shortcuts (the same in a browser): on Linux and Windows the menu
  // shows them without taking the keystroke. A click arrives as a menu-command event.
  const command = (label: string, accelerator: string | null, name: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    registerAccelerator: false,
    click: () => send(name),
  });
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        command('New', 'CmdOrCtrl+N', 'new-project'),
        command('Open…', 'CmdOrCtrl+O', 'open-project'),
        command('Import…', null, 'import-article'),
        { type: 'separator' },
        command('Save', 'CmdOrCtrl+S', 'save'),
        command('Save As…', 'CmdOrCtrl+Shift+S', 'save-as'),
        command('Export…', 'CmdOrCtrl+E', 'export'),
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        {
          label: 'Toggle Dark Theme',
          accelerator: 'CmdOrCtrl+Shift+T',
          click: () => (nativeTheme.themeSource = nativeTheme.shouldUseDarkColors ? 'light' : 'dark'),
        },
        { type: 'separator' },
        ...(dev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'About Folio', click: () => app.showAboutPanel() }],
    },
  ];
}

export function applicationMenu(options: MenuOptions): Menu {
  return Menu.buildFromTemplate(menuTemplate(options));
}
