import type { NotificationsApi } from '../contract.ts'
import type { NotificationsContext } from '../deps.ts'
import { afterFailure } from '../domain/retry-schedule.ts'
import { type Claimed, claimDue, markSent, settleFailure } from '../store/email-sql.ts'
import { isPermanentFailure } from '../transports/mail-transport.ts'

type Outcome = 'sent' | 'retrying' | 'failed'

const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 1000)

const LEASE_LOST =
  'the last attempt did not report back before its lease ended (the sender stopped or hung): it may or may not have been delivered'

/**
 * Records a delivery, trying a few times: while the database is unreachable the row stays
 * `sending`, and once its lease ends it is sent again (the duplicate window, see docs/notifications.md).
 */
const recordSent = async (c: NotificationsContext, id: string): Promise<void> => {
  for (let i = 0; ; i++) {
    try {
      return await markSent(c.db.orm, id, c.clock.now())
    } catch (e) {
      if (i >= 2) throw e
      await new Promise((r) => setTimeout(r, 250 * 4 ** i))
    }
  }
}

const failed = async (c: NotificationsContext, row: Claimed, error: string, permanent: boolean): Promise<Outcome> => {
  const next = afterFailure({ attempt: row.attempts, permanent, now: c.clock.now() }, c.options.retry, c.random)
  await settleFailure(c.db.orm, { id: row.id, attempt: row.attempts, error, at: next.kind === 'retry' ? next.at : null })
  return next.kind === 'retry' ? 'retrying' : 'failed'
}

/**
 * One claimed row: it is `sending` under a lease before the transport is called, and `sent`
 * after. A crash in between leaves it `sending`; when the lease ends another sender claims it
 * and sends it again with the same Message-ID. That is the one way a recipient gets two copies.
 */
const deliver = async (c: NotificationsContext, row: Claimed): Promise<Outcome> => {
  if (row.attempts > c.options.retry.maxAttempts) return failed(c, row, LEASE_LOST, true)
  try {
    await c.transport.send({
      id: row.id,
      messageId: row.message_id,
      from: c.options.from,
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
    })
  } catch (e) {
    return failed(c, row, describeError(e), isPermanentFailure(e))
  }
  await recordSent(c, row.id)
  return 'sent'
}

/**
 * Up to `concurrency` senders, each claiming one row at a time (so a lease only has to cover one
 * send) until `limit` rows are claimed or none is due.
 */
export const sendDue =
  (c: NotificationsContext): NotificationsApi['sendDue'] =>
  async (input = {}) => {
    const limit = Math.max(0, Math.floor(input.limit ?? c.options.batchSize))
    const report = { claimed: 0, sent: 0, retrying: 0, failed: 0 }
    let budget = limit
    const sender = async () => {
      while (budget > 0) {
        budget--
        const now = c.clock.now()
        const [row] = await claimDue(c.db.orm, { now, leaseUntil: new Date(now.getTime() + c.options.leaseMs), limit: 1 })
        if (!row) return
        report.claimed++
        report[await deliver(c, row)]++
      }
    }
    const runs = await Promise.allSettled(Array.from({ length: Math.min(c.options.concurrency, limit) }, sender))
    const broken = runs.find((r) => r.status === 'rejected')
    if (broken) throw broken.reason // the database failed; what was sent is recorded, the rest is retried
    return report
  }
