import type { Database, Executor } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { PaymentGateway } from './contract.ts'
import type { GatewaySpec } from './domain/parse-gateway-specs.ts'
import type { GuardedGateway, ResilienceSettings } from './resilience/guarded-gateway.ts'
import { insertAttempt, type NewAttempt } from './store/attempts-store.ts'

export type PaymentsDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  /** builds the adapter of a configured gateway (default: the built-in sandbox and Stripe adapters) */
  readonly createGateway?: (spec: GatewaySpec, options: PaymentsOptions) => PaymentGateway
}

export type PaymentsOptions = ResilienceSettings & {
  /** parsed PAYMENT_GATEWAYS, in priority order */
  readonly gateways: readonly GatewaySpec[]
  /** where a `sandbox` entry without a URL points */
  readonly sandboxDefaultUrl?: string
  /** secret of the sandbox webhook signature (default: DEFAULT_SANDBOX_WEBHOOK_SECRET) */
  readonly sandboxWebhookSecret?: string
  readonly stripe?: {
    readonly secretKey?: string
    /** where a `stripe` entry without a URL points (STRIPE_API_BASE) */
    readonly apiBase?: string
    readonly webhookSecret?: string
  }
}

/** What the use cases share: the engines, and the gateways with their policies, in priority order. */
export type PaymentsContext = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
  readonly gateways: readonly GuardedGateway[]
  /** the time of the next ledger row of an order (see domain/ledger-clock.ts) */
  readonly ledgerTime: (orderId: string) => Date
}

/** Appends one row to the ledger (`payments.attempts`). */
export const recordAttempt = (c: PaymentsContext, a: NewAttempt, ex: Executor = c.db.orm): Promise<void> =>
  insertAttempt(ex, { ...a, id: c.newId('att'), at: c.ledgerTime(a.orderId) })
