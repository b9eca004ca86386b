/**
 * Which node_modules folders go into the package. Forge's Vite plugin ships only `.vite/`
 * (everything else is bundled), which would leave the externals out. Its default ignore rule is
 * replaced by `packageFilter`: `.vite/`, the built renderer, package.json, and the runtime
 * packages with every package they depend on (dependencies and optionalDependencies, resolved
 * the way Node resolves them). Packager's prune step later drops anything not in "dependencies".
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { RUNTIME_PACKAGES } from './native-packages';

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readPackage(dir: string): PackageJson | null {
  try {
    return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return null;
  }
}

/** `@scope` expands to the scope's installed packages; a plain name stays itself. */
function expandRoots(nodeModules: string, names: readonly string[]): string[] {
  return names.flatMap((name) => {
    if (!name.startsWith('@') || name.includes('/')) return [name];
    const scopeDir = path.join(nodeModules, name);
    return existsSync(scopeDir) ? readdirSync(scopeDir).map((child) => `${name}/${child}`) : [];
  });
}

/** Node's lookup: the nearest node_modules/<name> from `fromDir` upwards, not above `projectDir`. */
function resolvePackageDir(projectDir: string, fromDir: string, name: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === projectDir || path.dirname(dir) === dir) return null;
  }
}

/**
 * The top-level node_modules entries (e.g. `sharp`, `@img/sharp-linux-x64`) that the runtime
 * packages need. Nested node_modules travel inside their parent's folder.
 */
export function runtimeModuleFolders(projectDir: string, roots: readonly string[] = RUNTIME_PACKAGES): Set<string> {
  const nodeModules = path.join(projectDir, 'node_modules');
  const kept = new Set<string>();
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const relative = path.relative(nodeModules, dir).split(path.sep).join('/');
    const topLevel = relative.startsWith('@') ? relative.split('/').slice(0, 2).join('/') : relative.split('/')[0];
    if (topLevel && !topLevel.startsWith('..')) kept.add(topLevel);
    const manifest = readPackage(dir);
    for (const name of Object.keys({ ...manifest?.dependencies, ...manifest?.optionalDependencies })) {
      const found = resolvePackageDir(projectDir, dir, name);
      if (found) visit(found); // an optional dependency for another platform is simply not installed
    }
  };
  for (const name of expandRoots(nodeModules, roots)) {
    const dir = path.join(nodeModules, name);
    if (existsSync(path.join(dir, 'package.json'))) visit(dir);
  }
  return kept;
}

/**
 * packagerConfig.ignore: true drops a path. Paths are relative to the project and start with
 * '/'; a dropped folder is not entered, so the folders above a kept path must be kept too.
 */
export function packageFilter(keptModules: ReadonlySet<string>): (file: string) => boolean {
  const keptScopes = new Set([...keptModules].filter((name) => name.startsWith('@')).map((name) => name.split('/')[0]));
  return (file) => {
    if (!file) return false;
    const parts = file.split('/').slice(1);
    const [top, second, third] = parts;
    if (top === '.vite' || file === '/package.json') return false;
    if (top === 'dist') return !(parts.length === 1 || second === 'renderer');
    if (top !== 'node_modules') return true;
    if (!second) return false;
    if (second === '.bin') return true;
    if (second.startsWith('@')) return third === undefined ? !keptScopes.has(second) : !keptModules.has(`${second}/${third}`);
    return !keptModules.has(second);
  };
}
