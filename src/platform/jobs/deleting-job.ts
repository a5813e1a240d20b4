import type { Job } from './run-every.ts'

/**
 * A scheduled job that deletes old rows in batches: each run calls `deleteBatch` until a batch
 * comes back short (nothing older is left), at most 100 times, and answers how many rows went.
 */
export const deletingJob = (
  name: string,
  everyMs: number,
  deleteBatch: () => Promise<{ readonly deleted: number }>,
  batch: number,
): Job => ({
  name,
  everyMs,
  run: async () => {
    let deleted = 0
    for (let i = 0; i < 100; i++) {
      const r = await deleteBatch()
      deleted += r.deleted
      if (r.deleted < batch) break
    }
    return { deleted }
  },
})
