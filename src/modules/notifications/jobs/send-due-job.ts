import type { NotificationsApi } from '../contract.ts'
import type { NotificationsOptions } from '../notifications-config.ts'

/**
 * The scheduled job for `crest worker` (shaped for platform/jobs `runJobs`): sends what is due
 * every poll interval. Safe without a lease (claims are per row), so every worker may run it.
 */
export const sendDueJob = (api: Pick<NotificationsApi, 'sendDue'>, o: Pick<NotificationsOptions, 'pollIntervalMs' | 'batchSize'>) => ({
  name: 'notifications.send-due',
  everyMs: o.pollIntervalMs,
  run: () => api.sendDue({ limit: o.batchSize }),
})
