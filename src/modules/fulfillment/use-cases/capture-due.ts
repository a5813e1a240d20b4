import { formatMoney } from '../../../platform/money/money.ts'
import type { ProcessingContext } from '../processing-deps.ts'
import { claimDueCaptures, settleCapture } from '../store/review-sql.ts'

/** A claimed capture is tried again after this if its runner never reported back. */
export const CAPTURE_LEASE_MS = 60_000
export const CAPTURE_MAX_ATTEMPTS = 20
const BATCH = 20
/** the payment gateway was down or busy: worth another try later */
const RETRYABLE = new Set(['PAYMENTS_UNAVAILABLE', 'PAYMENTS_IN_PROGRESS'])

/** 5 s, 10 s, 20 s … up to 10 minutes. */
export const captureBackoffMs = (attempt: number): number => Math.min(600_000, 5_000 * 2 ** Math.max(0, attempt - 1))

/**
 * Captures the payments the capture policy made due, outside any event transaction (the payments
 * module opens its own). `payments.capture` is idempotent, so a capture tried twice (a runner that
 * died after the gateway answered) still captures once. A success moves the order's
 * payment_status to captured; an outage is retried with back-off; a refusal is marked failed.
 */
export const captureDue = (c: ProcessingContext) => async () => {
  const report = { captured: 0, retrying: 0, failed: 0 }
  const now = c.clock.now()
  const claimed = await claimDueCaptures(c.db.orm, now, new Date(now.getTime() + CAPTURE_LEASE_MS), BATCH)
  for (const { order_id: orderId, attempts: attempt } of claimed) {
    const r = await c.payments.capture(orderId)
    if (r.ok) {
      await c.db.orm.transaction(async (tx) => {
        await settleCapture(tx, { orderId, attempt, status: 'done', nextAt: null, error: null })
        const note = `Captured ${formatMoney(r.value.captured)}`
        const moved = await c.orders.transition({ orderId, field: 'payment_status', to: 'captured', note }, tx)
        if (!moved.ok) c.logger.warn({ orderId, error: moved.error }, 'captured, but the order could not record it')
      })
      report.captured++
      continue
    }
    const retry = RETRYABLE.has(r.error.code) && attempt < CAPTURE_MAX_ATTEMPTS
    const nextAt = retry ? new Date(c.clock.now().getTime() + captureBackoffMs(attempt)) : null
    await settleCapture(c.db.orm, {
      orderId,
      attempt,
      status: retry ? 'due' : 'failed',
      nextAt,
      error: `${r.error.code}: ${r.error.message}`,
    })
    if (retry) report.retrying++
    else {
      report.failed++
      c.logger.error({ orderId, error: r.error }, 'capture failed for good')
    }
  }
  return report
}
