import { describe, expect, it, vi } from 'vitest';

const theme = vi.hoisted(() => ({ themeSource: 'system', shouldUseDarkColors: false }));
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: (template: unknown) => template },
  app: { showAboutPanel: () => undefined },
  nativeTheme: theme,
}));

const { menuTemplate } = await import('../../../electron/app/app-menu');

type Item = ReturnType<typeof menuTemplate>[number];
const submenuOf = (items: Item[], label: string): Item[] =>
  (items.find((item) => item.label === label || item.role === label.toLowerCase())?.submenu ?? []) as Item[];
const click = (item: Item | undefined) => (item?.click as (() => void) | undefined)?.();

describe('the application menu', () => {
  it('sends the File commands to the page', () => {
    const sent: string[] = [];
    const file = submenuOf(menuTemplate({ dev: false, send: (command) => sent.push(command) }), 'File');
    for (const label of ['New', 'Open…', 'Import…', 'Save', 'Save As…', 'Export…']) click(file.find((item) => item.label === label));
    expect(sent).toEqual(['new-project', 'open-project', 'import-article', 'save', 'save-as', 'export']);
  });

  it('offers reload and the developer tools only in development', () => {
    const roles = (dev: boolean) => submenuOf(menuTemplate({ dev, send: () => undefined }), 'View').map((item) => item.role);
    expect(roles(false)).not.toContain('reload');
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('toggles between the light and dark theme', () => {
    const toggle = submenuOf(menuTemplate({ dev: false, send: () => undefined }), 'View').find(
      (item) => item.label === 'Toggle Dark Theme',
    );
    click(toggle);
    expect(theme.themeSource).toBe('dark');
    theme.shouldUseDarkColors = true;
    click(toggle);
    expect(theme.themeSource).toBe('light');
  });
});
