import type { IntegrationsApi } from '../contract.ts'
import type { IntegrationsContext } from '../deps.ts'
import { nextAttemptAt } from '../domain/retry-schedule.ts'
import { type Claimed, claimDue, findSubscription, insertAttempt, type Settle, settleDelivery } from '../store/webhook-sql.ts'
import { postWebhook } from './post-webhook.ts'

type Outcome = 'delivered' | 'retrying' | 'failed'

/** One claimed delivery: the POST, then its log row and new state in one transaction. */
const deliver = async (c: IntegrationsContext, row: Claimed, attemptedAt: Date): Promise<Outcome> => {
  const sub = await findSubscription(c.db.orm, row.subscription_id)
  const sent = sub
    ? await postWebhook({
        url: sub.url,
        secret: sub.secret,
        deliveryId: row.id,
        body: row.body,
        now: attemptedAt,
        timeoutMs: c.options.timeoutMs,
      })
    : { ok: false, statusCode: null, durationMs: 0, error: 'the subscription no longer exists' }
  const next = sent.ok || !sub ? null : nextAttemptAt(row.attempts, attemptedAt, c.options.retryDelaysMs)
  const error = sent.error ?? 'failed'
  const outcome: Settle['outcome'] = sent.ok
    ? { kind: 'delivered', at: c.clock.now() }
    : next
      ? { kind: 'retry', at: next, error }
      : { kind: 'failed', error }
  await c.db.orm.transaction(async (tx) => {
    await insertAttempt(tx, {
      id: c.newId('wha'),
      deliveryId: row.id,
      subscriptionId: row.subscription_id,
      attempt: row.attempts,
      statusCode: sent.statusCode,
      durationMs: sent.durationMs,
      error: sent.error,
      attemptedAt,
    })
    await settleDelivery(tx, { id: row.id, attempt: row.attempts, outcome })
  })
  return outcome.kind === 'retry' ? 'retrying' : outcome.kind
}

/**
 * Up to `concurrency` senders, each claiming one due delivery at a time under a lease, until
 * `limit` are claimed or none is due. A sender that dies mid-POST leaves the row `sending`; when
 * the lease ends it is claimed again as the next attempt (so a receiver may see it twice:
 * receivers dedupe by `Crest-Webhook-Id`).
 */
export const sendDue =
  (c: IntegrationsContext): IntegrationsApi['sendDue'] =>
  async (input = {}) => {
    const report = { claimed: 0, delivered: 0, retrying: 0, failed: 0 }
    let budget = Math.max(0, Math.floor(input.limit ?? c.options.batchSize))
    const sender = async () => {
      while (budget > 0) {
        budget--
        const now = c.clock.now()
        const [row] = await claimDue(c.db.orm, { now, leaseUntil: new Date(now.getTime() + c.options.leaseMs), limit: 1 })
        if (!row) return
        report.claimed++
        report[await deliver(c, row, now)]++
      }
    }
    const runs = await Promise.allSettled(Array.from({ length: Math.max(1, c.options.concurrency) }, sender))
    const broken = runs.find((r) => r.status === 'rejected')
    if (broken) throw broken.reason
    return report
  }
