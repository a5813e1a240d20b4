import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Return } from '../contract.ts'
import type { ReturnsDeps, SellableVariant } from '../deps.ts'
import { labelNote, returnUpdateEmail } from '../domain/return-emails.ts'
import type { ReturnsError } from '../errors.ts'
import { RETURNS_TOPICS } from '../events.ts'
import { readReturn } from '../store/read-returns.ts'
import { moveReturn } from '../store/write-returns.ts'
import { createLabel } from './create-label.ts'
import { createExchangeOrder } from './create-exchange-order.ts'
import { inTransaction, invalidState, loadOrder, notFound, recipientOf, recordStep } from './support.ts'

/** Approves a requested return in `tx`: an exchange first gets its replacement reserved and its linked order. */
export const approveInTransaction = async (
  d: ReturnsDeps,
  tx: Executor,
  r: Return,
  note: string,
  sellable: ReadonlyMap<string, SellableVariant> = new Map(),
): Promise<Result<Return, ReturnsError>> => {
  if (!(await moveReturn(tx, { id: r.id, from: ['requested'], to: 'approved', now: d.clock.now() }))) return invalidState(r, 'approved')
  const approved = await recordStep(d, tx, { returnId: r.id, step: 'approved', note, topic: RETURNS_TOPICS.approved })
  if (!approved.items.some((i) => i.exchange_variant_id)) return ok(approved)
  return createExchangeOrder(d, tx, approved, sellable)
}

/**
 * After the approval committed: the carrier's return label (a failure leaves it for staff to
 * ask again, `createLabel`), then the "approved" e-mail, with the label when there is one.
 */
export const afterApproval = async (d: ReturnsDeps, r: Return): Promise<Result<Return, ReturnsError>> => {
  const replacements = r.items.flatMap((i) => (i.exchange_variant_id ? [i.exchange_variant_id] : []))
  if (replacements.length) await d.inventory.refreshAvailability(replacements)
  const labelled = await createLabel(d)({ returnId: r.id })
  if (!labelled.ok) d.logger.warn({ returnId: r.id, error: labelled.error }, 'return approved without a label; staff can ask for it again')
  const current = labelled.ok ? labelled.value : r
  const order = await loadOrder(d, r.order_id)
  if (!order.ok) throw new AppError('RETURNS_WRITE_FAILED', `The order of return ${r.id} vanished.`)
  await d.db.orm.transaction((tx) =>
    d.enqueueEmail(returnUpdateEmail('approved', current, recipientOf(order.value), labelNote(current)), tx),
  )
  return ok(current)
}

/** Staff approve a requested return. */
export const approveReturn =
  (d: ReturnsDeps) =>
  async (input: { readonly returnId: string; readonly note?: string }): Promise<Result<Return, ReturnsError>> => {
    // read before the transaction: the embedded database has one connection, so no reads beside `tx`
    const seen = await readReturn(d.db.orm, input.returnId)
    if (!seen) return notFound(input.returnId)
    const wanted = [...new Set(seen.items.flatMap((i) => (i.exchange_variant_id ? [i.exchange_variant_id] : [])))]
    const sellable = wanted.length ? await d.sellable(wanted, seen.refund_amount.currency) : new Map<string, SellableVariant>()
    const r = await inTransaction(d, async (tx) => {
      const current = await readReturn(tx, input.returnId, { lock: true })
      if (!current) return notFound(input.returnId)
      if (current.status !== 'requested') return invalidState(current, 'approved')
      return approveInTransaction(d, tx, current, input.note?.trim() || 'Approved by staff', sellable)
    })
    return r.ok ? afterApproval(d, r.value) : r
  }

/** Staff reject a requested return, with the reason the shopper is told. */
export const rejectReturn =
  (d: ReturnsDeps) =>
  async (input: { readonly returnId: string; readonly reason: string }): Promise<Result<Return, ReturnsError>> =>
    inTransaction(d, async (tx) => {
      const current = await readReturn(tx, input.returnId, { lock: true })
      if (!current) return notFound(input.returnId)
      const moved = await moveReturn(tx, {
        id: current.id,
        from: ['requested'],
        to: 'rejected',
        now: d.clock.now(),
        set: { rejectionReason: input.reason },
      })
      if (!moved) return invalidState(current, 'rejected')
      const rejected = await recordStep(d, tx, {
        returnId: current.id,
        step: 'rejected',
        note: input.reason,
        topic: RETURNS_TOPICS.rejected,
      })
      const order = await loadOrder(d, current.order_id, tx)
      if (!order.ok) return err(order.error)
      await d.enqueueEmail(returnUpdateEmail('refused', rejected, recipientOf(order.value), input.reason), tx)
      return ok(rejected)
    })
