// Folder-level import cycles (docs/ARCHITECTURE.md, "Layers, enforced"), checked by `npm run lint`
// after .dependency-cruiser.cjs. A folder cycle is counted on runtime imports only: `import type`
// is erased by the compiler, so a contract folder may name an engine folder's types and back.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- dependency-cruiser reads CommonJS configs
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment: 'No import cycle between folders: if folder A imports folder B, nothing in B imports A (at run time).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(electron|native-models|renderer|bench)/' },
      to: { path: '^(electron|native-models|renderer|bench)/', circular: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};
