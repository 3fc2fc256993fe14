import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // DuckDB files and PostgreSQL databases are per test file; two cores here, so keep it modest.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
