import type { Database } from '../../platform/db/database.ts'

export type IntegrationsDeps = {
  readonly db: Database
  /** delivery due times, attempt times and the signature timestamp; tests pass a clock they advance */
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: 'whk' | 'whd' | 'wha') => string
  /** random bytes for webhook secrets, hex; default node:crypto */
  readonly newSecret?: () => string
}

export type IntegrationsOptions = {
  /** the topics that can be subscribed to; the consumer listens to all of them */
  readonly topics: readonly string[]
  /** per HTTP attempt; default 10 s */
  readonly timeoutMs?: number
  /** a claimed delivery is handed out again after this; default 60 s (must exceed timeoutMs) */
  readonly leaseMs?: number
  readonly batchSize?: number
  readonly concurrency?: number
  readonly pollIntervalMs?: number
  /** the retry schedule (waits after attempt 1, 2, …); default WEBHOOK_RETRY_DELAYS_MS */
  readonly retryDelaysMs?: readonly number[]
}

export type IntegrationsContext = Omit<IntegrationsDeps, 'newSecret'> & {
  readonly newSecret: () => string
  readonly options: Required<IntegrationsOptions>
}
