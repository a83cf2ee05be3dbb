import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI runner, which
    // then waits, file after file, on spawned processes, fake servers and timeouts that use no CPU.
    // One worker per core (at least two) overlaps those waits.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
