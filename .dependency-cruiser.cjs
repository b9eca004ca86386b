// The design's layering (docs/ARCHITECTURE.md, "Layers, enforced"), checked by `npm run lint`.
// Arrows go one way: electron/app → electron/studio → native-models; electron/server and
// electron/cli → electron/studio and electron/contract; the renderer → electron/contract (types
// only) and its own code. test/ is imported by nobody else, and no folder cycle is allowed.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'native-models-not-up',
      comment: 'native-models is the bottom layer: it never imports the studio, the app, the server, the CLI or the renderer.',
      severity: 'error',
      from: { path: '^native-models/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'studio-not-up',
      comment: 'electron/studio serves the app, the server and the CLI; it never imports them.',
      severity: 'error',
      from: { path: '^electron/studio/' },
      to: { path: '^(electron/(app|server|cli)|renderer)/' },
    },
    {
      name: 'contract-owns-its-types',
      comment:
        'electron/contract is the Studio API both sides share: it imports nothing of the studio, the app, the server, the CLI, native-models or the renderer.',
      severity: 'error',
      from: { path: '^electron/contract/' },
      to: { path: '^(electron/(studio|app|server|cli)|native-models|renderer)/' },
    },
    {
      name: 'server-and-cli-through-studio',
      comment:
        'electron/server and electron/cli reach the model and the disk through electron/studio and the contract, never through electron/app or each other.',
      severity: 'error',
      from: { path: '^electron/(server|cli)/' },
      to: { path: '^(electron/app|renderer)/' },
    },
    {
      name: 'server-not-cli',
      comment: 'electron/server does not import the CLI (shared option parsing lives in electron/studio).',
      severity: 'error',
      from: { path: '^electron/server/' },
      to: { path: '^electron/cli/' },
    },
    {
      name: 'cli-not-server',
      comment: 'electron/cli does not import the server.',
      severity: 'error',
      from: { path: '^electron/cli/' },
      to: { path: '^electron/server/' },
    },
    {
      name: 'renderer-only-contract-types',
      comment: 'The renderer imports its own code and, as types only, the Studio API contract.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron/(studio|app|server|cli)|native-models|bench|scripts|bin)/' },
    },
    {
      name: 'renderer-contract-type-only',
      comment:
        'The renderer takes the contract as `import type` only: no contract code runs in the renderer. The one exception is export-formats.ts, plain data that imports nothing (the formats and their names, declared once for the CLI and the studio).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^electron/contract/', pathNot: '^electron/contract/export-formats\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'components-through-store',
      comment:
        'Components reach the Studio API through the store: never a service, nor the window API (renderer/src/studio.ts, renderer/src/studio/) directly.',
      severity: 'error',
      from: { path: '^renderer/src/components/' },
      to: { path: '^renderer/src/(services/|studio/|studio\\.ts$)' },
    },
    {
      name: 'test-only-from-test',
      comment: 'Nothing outside test/ imports test/.',
      severity: 'error',
      from: { pathNot: '^test/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-import-cycles',
      comment: 'No import cycle (a runtime cycle breaks module initialisation order).',
      severity: 'error',
      from: { path: '^(electron|native-models|renderer|bench)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^node_modules', '^dist/', '^out/', '^\\.vite/', '^test/fixtures/generated/', '^test/artifacts/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
