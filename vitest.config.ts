import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (no database), and the database tests twice, once on
 * embedded PGlite and once on the local PostgreSQL server. Each database test file
 * opens its own fresh database (test/support/backend.ts).
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        test: {
          name: 'pglite',
          include: ['test/db/**/*.test.ts'],
          env: { STRATA_TEST_BACKEND: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The knowledge-base page in headless Chromium (Debian's; scripts/install-chromium.sh).
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/db/**/*.test.ts'],
          env: { STRATA_TEST_BACKEND: 'server' },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
