import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine,
    // where the main process idles while the files run one after another. One per core.
    maxWorkers: availableParallelism(),
  },
});
