import type { Job } from '../../../platform/jobs/run-every.ts'
import type { AbandonedCartsDeps } from './abandoned-carts-deps.ts'
import { remindAbandonedCarts } from './remind-abandoned-carts.ts'

/** The scheduled job (`runJobs`, under its lease in every role that runs jobs): see docs/processing.md. */
export const abandonedCartsJob = (d: AbandonedCartsDeps): Job & { readonly remind: ReturnType<typeof remindAbandonedCarts> } => {
  const remind = remindAbandonedCarts(d)
  return { name: 'remind-abandoned-carts', everyMs: d.options.everyMs, run: remind, remind }
}
