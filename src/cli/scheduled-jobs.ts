import type { Modules } from '../app.ts'
import { sendDueJob } from '../modules/notifications/index.ts'
import type { Database } from '../platform/db/database.ts'
import { expireIdempotencyKeysJob } from '../platform/db/expire-idempotency-keys.ts'
import type { Job } from '../platform/jobs/run-every.ts'
import type { BusOptions } from '../platform/bus/bus-options.ts'
import type { Config } from '../platform/config/load-config.ts'
import { pruneOutboxJob } from '../platform/bus/prune-outbox.ts'
import { pruneProcessedEventsJob } from '../platform/bus/prune-processed-events.ts'

/** The scheduled jobs every role that runs jobs (`start`, `serve`, `worker`) runs, each under a lease. */
export const scheduledJobs = (
  m: Modules,
  db: Database,
  bus: BusOptions,
  every: Pick<Config, 'RESERVATION_SWEEP_INTERVAL_MS' | 'PAYMENT_RECOVERY_INTERVAL_MS'>,
): Job[] => [
  { name: 'release-expired-reservations', everyMs: every.RESERVATION_SWEEP_INTERVAL_MS, run: m.checkout.releaseExpired },
  { name: 'reconcile-pending-payments', everyMs: every.PAYMENT_RECOVERY_INTERVAL_MS, run: m.checkout.reconcilePending },
  { name: 'recover-ambiguous-payments', everyMs: every.PAYMENT_RECOVERY_INTERVAL_MS, run: m.checkout.recoverAmbiguousPayments },
  { name: 'apply-price-boundaries', everyMs: 5_000, run: m.catalog.applyPriceBoundaries },
  sendDueJob(m.notifications, m.notificationsOptions),
  ...m.processing.jobs,
  ...m.integrations.jobs,
  m.abandonedCarts,
  expireIdempotencyKeysJob(db),
  pruneOutboxJob(db),
  pruneProcessedEventsJob(db, bus),
]
