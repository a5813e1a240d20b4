import { and, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { ERASED_BEFORE_SENDING, ERASED_BODY, ERASED_RECIPIENT } from '../domain/erased-email.ts'
import { emails } from '../schema.ts'

export type ErasureTarget = {
  readonly orderIds: readonly string[]
  readonly recipient?: { readonly email: string; readonly templates?: readonly string[] }
}

/** The e-mails about those orders, and the ones to that address about no order (of those templates, when given). */
const targeted = (t: ErasureTarget): SQL | undefined => {
  const parts: SQL[] = []
  if (t.orderIds.length > 0) parts.push(inArray(emails.orderId, [...t.orderIds]))
  if (t.recipient) {
    const { email, templates } = t.recipient
    const ofAddress = and(sql`lower(${emails.recipient}) = ${email.trim().toLowerCase()}`, isNull(emails.orderId))
    parts.push((templates ? and(ofAddress, inArray(emails.template, [...templates])) : ofAddress) as SQL)
  }
  return parts.length === 0 ? undefined : or(...parts)
}

/**
 * Personal data out of the matching rows, in one statement: recipient, data and bodies replaced;
 * one still queued or being sent is failed instead of sent to nobody. Idempotent.
 */
export const eraseEmails = async (ex: Executor, t: ErasureTarget): Promise<number> => {
  const where = targeted(t)
  if (!where) return 0
  const rows = await ex
    .update(emails)
    .set({
      recipient: ERASED_RECIPIENT,
      data: sql`'{}'::jsonb`,
      textBody: ERASED_BODY,
      htmlBody: ERASED_BODY,
      lastError: sql`case when ${emails.status} in ('queued', 'sending') then ${ERASED_BEFORE_SENDING} else ${emails.lastError} end`,
      nextAttemptAt: sql`case when ${emails.status} in ('queued', 'sending') then null else ${emails.nextAttemptAt} end`,
      status: sql`case when ${emails.status} in ('queued', 'sending') then 'failed' else ${emails.status} end`,
    })
    .where(and(where, sql`not (${eq(emails.recipient, ERASED_RECIPIENT)} and ${eq(emails.textBody, ERASED_BODY)})`))
    .returning({ id: emails.id })
  return rows.length
}
