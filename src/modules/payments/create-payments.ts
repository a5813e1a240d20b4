import type { PaymentsApi } from './contract.ts'
import type { PaymentsContext, PaymentsDeps, PaymentsOptions } from './deps.ts'
import { createLedgerClock } from './domain/ledger-clock.ts'
import { buildGateway } from './gateways/build-gateway.ts'
import { guardGateway } from './resilience/guarded-gateway.ts'
import { listAttemptRows } from './store/attempts-store.ts'
import { findPayment, toPayment } from './store/payments-store.ts'
import { authorizePayment } from './use-cases/authorize-payment.ts'
import { capturePayment } from './use-cases/capture-payment.ts'
import { refundPayment } from './use-cases/refund-payment.ts'
import { listOpenAmbiguous } from './store/ambiguous-store.ts'
import { resolveAmbiguous } from './use-cases/resolve-ambiguous.ts'
import { voidPayment } from './use-cases/void-payment.ts'

/**
 * Builds the payments module: one adapter per configured gateway, each behind its own timeout,
 * retry and circuit breaker (state kept in this process), tried in the configured order.
 */
export const createPayments = (d: PaymentsDeps, o: PaymentsOptions): PaymentsApi => {
  const make = d.createGateway ?? ((spec, options) => buildGateway(spec, options, d.clock.now))
  const c: PaymentsContext = {
    db: d.db,
    clock: d.clock,
    newId: d.newId,
    gateways: o.gateways.map((spec, priority) => guardGateway(make(spec, o), priority, o)),
    ledgerTime: createLedgerClock(d.clock.now),
  }
  return {
    authorize: authorizePayment(c),
    capture: capturePayment(c),
    void: voidPayment(c),
    refund: refundPayment(c),
    getPayment: async (orderId, tx) => {
      const row = await findPayment(tx ?? d.db.orm, orderId)
      return row ? toPayment(row) : null
    },
    listAmbiguous: (q) => listOpenAmbiguous(d.db.orm, q),
    resolveAmbiguous: resolveAmbiguous(c),
    gatewayStatus: () => c.gateways.map((g) => g.status()),
    acceptsProvider: (provider) => c.gateways.some((g) => g.gateway.provider === provider),
    listAttempts: (orderId, tx) => listAttemptRows(tx ?? d.db.orm, orderId),
    verifyWebhook: async ({ gateway, rawBody, headers }) => {
      const g = c.gateways.find((x) => x.gateway.name === gateway)
      return g ? g.gateway.verifyWebhook({ rawBody, headers }) : null
    },
  }
}
