/**
 * Paths as the server writes them, taken apart in the page (which has no node:path): the
 * server may be Windows, so a path's own separator is kept.
 */

const separatorOf = (path: string): '/' | '\\' => (path.includes('\\') && !path.includes('/') ? '\\' : '/');

export function joinPath(folder: string, name: string): string {
  const separator = separatorOf(folder);
  return folder.endsWith(separator) ? folder + name : folder + separator + name;
}

/** The folder part of a typed path ('' when it has none); `~/Documents/Harbour` gives `~/Documents`. */
export function folderOf(path: string): string {
  const trimmed = path.trim().replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  if (cut < 0) return '';
  return cut === 0 ? trimmed.slice(0, 1) : trimmed.slice(0, cut);
}

export function nameOf(path: string): string {
  const trimmed = path.trim().replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** The folders from a root down to `path`, for breadcrumbs: the root first, under its label. */
export function crumbsOf(path: string, root: { label: string; path: string }): Array<{ label: string; path: string }> {
  const crumbs = [{ label: root.label, path: root.path }];
  const below = path.startsWith(root.path) ? path.slice(root.path.length) : '';
  let current = root.path;
  for (const part of below.split(/[\\/]/).filter(Boolean)) {
    current = joinPath(current, part);
    crumbs.push({ label: part, path: current });
  }
  return crumbs;
}
