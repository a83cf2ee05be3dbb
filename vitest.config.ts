import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // One throwaway PostgreSQL server per run for the store tests (or DLKB_TEST_DATABASE_URL's).
    globalSetup: ['tests/support/postgres-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // Test files share one module registry per worker instead of re-importing discord.js, grammY, Orama,
    // zod and the whole app for each of ~120 files: on tests/core + tests/daily that cut the run from
    // 180 s to 75 s (imports 200 s → 40 s summed over files). Each file still builds its own app, store
    // and fakes; mocks, stubbed variables and globals are restored after every test so none leaks into
    // the next file.
    isolate: false,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI runner, which
    // then waits, file after file, on spawned processes, fake servers and timeouts that use no CPU.
    // One worker per core (at least two) overlaps those waits.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
