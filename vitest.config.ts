import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built CLI; keep two workers on the two-core machines.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
