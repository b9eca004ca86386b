/**
 * The packages the bundler must leave alone. Native bindings load .node files and spawn
 * processes, so they stay outside every Vite bundle, are copied into the package as folders
 * (with their own dependencies) and are unpacked from the asar. playwright-core (PDF export
 * through the system's Chromium) finds its own files at run time, so it is copied whole too,
 * but it runs fine from inside the asar.
 */

/** Package names and whole scopes (`@img` means every `@img/*`) of the native bindings. */
export const NATIVE_PACKAGES = [
  'node-llama-cpp',
  '@node-llama-cpp',
  '@fugood/llama.node',
  '@fugood',
  'better-sqlite3',
  'sharp',
  '@img',
  // The image-embedding model's runtime (a .node binding and libonnxruntime); its JavaScript half comes along.
  'onnxruntime-node',
  'onnxruntime-common',
] as const;

/**
 * Everything kept out of the bundles and copied into the package's node_modules: libheif-js reads
 * its WebAssembly from its own folder at run time, as playwright-core finds its files.
 */
export const RUNTIME_PACKAGES = [...NATIVE_PACKAGES, 'playwright-core', 'libheif-js'] as const;

/** A package name or scope as an import matcher: the name itself or any path inside it. */
function importsOf(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return name.startsWith('@') && !name.includes('/') ? new RegExp(`^${escaped}/`) : new RegExp(`^${escaped}(/|$)`);
}

/** For `build.rollupOptions.external` of the main, host, worker and preload bundles. */
export const RUNTIME_EXTERNALS: RegExp[] = RUNTIME_PACKAGES.map(importsOf);
