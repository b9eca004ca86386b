/**
 * tsx's loader by absolute URL, for a process Folio forks from its TypeScript sources: `--import
 * tsx` is looked up from the working folder, so a `folio` run from any other folder could not
 * start its model host or a task process.
 */
export function tsxLoader(): string {
  return typeof import.meta.resolve === 'function' ? import.meta.resolve('tsx') : 'tsx';
}
