// Lint with the import boundaries of the design: 'electron' only in electron/app; the renderer
// gets no Node built-ins, no native bindings, and only types from the Studio API contract.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'child_process', 'os', 'crypto', 'net', 'http', 'https', 'worker_threads'];
const nativeBindings = ['node-llama-cpp', '@fugood/llama.node', 'better-sqlite3', 'sharp'];

export default tseslint.config(
  { ignores: ['node_modules/', 'test/fixtures/generated/', 'test/artifacts/', 'out/', '.vite/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: "Only electron/app may import 'electron' (or electron/main, electron/renderer)." },
            {
              regex: '^(\\.\\./){3,}(.*/)?contract/',
              message: 'Import the Studio API contract as @contract/… (tsconfig.base.json), not by climbing folders.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/app/**', 'forge.config.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks only to window.studio.' }],
          patterns: [
            {
              regex: '^(\\.\\./){3,}(.*/)?contract/',
              message: 'Import the Studio API contract as @contract/… (tsconfig.base.json), not by climbing folders.',
            },
            { group: [...nodeBuiltins, ...nativeBindings], message: 'The renderer runs in a sandbox: no Node modules or native bindings.' },
            {
              group: ['**/native-models/**', '**/electron/studio/**', '**/electron/server/**', '**/electron/app/**'],
              message: 'The renderer reaches the studio only through the Studio API.',
            },
            {
              // export-formats.ts is plain data (the formats and their names), declared once for the CLI and the studio.
              group: ['**/electron/contract/**', '!**/electron/contract/export-formats', '@contract/**', '!@contract/export-formats'],
              allowTypeImports: true,
              message: 'Import the Studio API contract with `import type`.',
            },
          ],
        },
      ],
    },
  },
);
