/**
 * Where the browser studio's picker may look: the writer's home and the app's own folders.
 * The headless server answers anyone who holds its token, so nothing outside these is listed:
 * not `/`, not /proc, not another user's home.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { PickerRoot } from '../../contract/studio-api';

export interface PickerFolders {
  home: string;
  /** Settings, the scratch project, the library database. */
  dataDir: string;
  modelsDir: string;
}

/** The roots that exist, by their real paths, home first; a root that is the whole disk (HOME=/) is left out. */
export async function pickerRoots(folders: PickerFolders): Promise<PickerRoot[]> {
  const candidates: PickerRoot[] = [
    { label: 'Home', path: folders.home },
    { label: 'Projects', path: path.join(folders.dataDir, 'projects') },
    { label: 'Models', path: folders.modelsDir },
    { label: 'Folio data', path: folders.dataDir },
  ];
  const roots: PickerRoot[] = [];
  for (const candidate of candidates) {
    const real = await realpath(candidate.path).catch(() => null);
    if (!real || path.parse(real).root === real || roots.some((root) => root.path === real)) continue;
    roots.push({ label: candidate.label, path: real });
  }
  return roots;
}

/** True when `target` is a root or inside one; both already absolute and normalised. */
export function insideRoots(target: string, roots: PickerRoot[]): boolean {
  return roots.some((root) => target === root.path || target.startsWith(root.path + path.sep));
}

/** The outermost root holding `target`: breadcrumbs start there and the picker goes no higher. */
export function outermostRoot(target: string, roots: PickerRoot[]): PickerRoot | null {
  const holding = roots.filter((root) => target === root.path || target.startsWith(root.path + path.sep));
  return holding.sort((a, b) => a.path.length - b.path.length)[0] ?? null;
}
