import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The Studio API contract by name (tsconfig.base.json's paths), not by climbing folders.
  resolve: { alias: { '@contract': fileURLToPath(new URL('./electron/contract', import.meta.url)) } },
  test: {
    include: ['test/**/*.test.ts', 'native-models/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native model loads are memory- and CPU-heavy; these machines have 2 cores.
    fileParallelism: false,
  },
});
