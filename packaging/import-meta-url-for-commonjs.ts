/**
 * Forge builds main and the model host as CommonJS (.cjs), where `import.meta` does not exist:
 * the bundler turns `import.meta.url` into `undefined`, and Vite inlines
 * `new URL('./file.ts', import.meta.url)` as a data: URL. The studio code uses both (the export
 * worker's path beside the bundle, fork-transport's host entry), so before Vite's own plugins
 * see it, `import.meta.url` becomes the bundle file's own URL, as it would be in an ES module.
 */
import type { Plugin } from 'vite';

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const BUNDLE_FILE_URL = 'require("node:url").pathToFileURL(__filename).href';

export function importMetaUrlForCommonJs(): Plugin {
  return {
    name: 'folio:import-meta-url-for-commonjs',
    enforce: 'pre',
    transform(code) {
      if (!code.includes('import.meta.url')) return null;
      return { code: code.replace(IMPORT_META_URL, BUNDLE_FILE_URL), map: null };
    },
  };
}
