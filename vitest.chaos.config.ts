import { defineConfig } from 'vitest/config'

/** `npm run test:chaos` (docs/resilience.md): not part of `npm test`; a few minutes of load on 2 cores. */
export default defineConfig({
  test: {
    include: ['test/chaos/**/*.chaos.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { singleFork: true } },
    reporters: ['default'],
  },
})
