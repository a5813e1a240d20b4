import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // the test files of one fork share its process and module cache: no new process and no
    // re-import of the app per file (a full run took 1,183 s instead of 1,531 s). A test file must
    // leave no global state behind (fake timers restored, servers and pools closed).
    isolate: false,
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
  },
})
