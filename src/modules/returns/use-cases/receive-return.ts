import { AppError } from '../../../platform/app-error.ts'
import type { Executor } from '../../../platform/db/database.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { ReceiveInput, Return } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import { planReceipt, type ReceiptLine, returnedState } from '../domain/receipt.ts'
import { returnUpdateEmail } from '../domain/return-emails.ts'
import type { ReturnsError } from '../errors.ts'
import { RETURNS_TOPICS } from '../events.ts'
import { readReturn, receivedUnits } from '../store/read-returns.ts'
import { moveReturn, recordReceipt } from '../store/write-returns.ts'
import { refundReturn } from './refund-return.ts'
import { inTransaction, invalidState, loadOrder, notFound, recipientOf, recordStep } from './support.ts'

const fallbackLocation = async (d: ReturnsDeps): Promise<{ ids: Set<string>; names: Map<string, string>; fallback: string }> => {
  const locations = await d.inventory.listLocations()
  const fallback = d.options.restockLocation ?? locations.find((l) => l.is_default)?.id ?? locations[0]?.id ?? ''
  return { ids: new Set(locations.map((l) => l.id)), names: new Map(locations.map((l) => [l.id, l.name])), fallback }
}

const describe = (lines: readonly ReceiptLine[], names: ReadonlyMap<string, string>): string =>
  lines
    .map(
      (l) =>
        `${l.item.quantity} × ${l.item.title} ${l.locationId ? `restocked at ${names.get(l.locationId) ?? l.locationId}` : 'written off (damaged)'}`,
    )
    .join('; ')

/** Restocks sellable units (one conditional write each) and records each item's fate, in `tx`. */
const applyReceipt = async (d: ReturnsDeps, tx: Executor, lines: readonly ReceiptLine[]): Promise<void> => {
  for (const l of lines) {
    if (l.locationId) {
      const r = await d.inventory.restock({ variantId: l.item.variant_id, locationId: l.locationId, quantity: l.item.quantity }, tx)
      if (!r.ok) throw new AppError(r.error.code, r.error.message)
    }
    await recordReceipt(tx, {
      id: l.item.id,
      condition: l.condition,
      disposition: l.locationId ? 'restocked' : 'written_off',
      locationId: l.locationId,
    })
  }
}

/** The order's fulfillment status follows: partially returned, or returned when every unit came back. */
const moveOrder = async (d: ReturnsDeps, tx: Executor, r: Return): Promise<void> => {
  const order = await loadOrder(d, r.order_id, tx)
  if (!order.ok) return
  const to = returnedState(new Map(order.value.items.map((i) => [i.id, i.quantity])), await receivedUnits(tx, r.order_id))
  const moved = await d.orders.transition({ orderId: r.order_id, field: 'fulfillment_status', to, note: `Return ${r.id} received` }, tx)
  if (!moved.ok) d.logger.warn({ returnId: r.id, error: moved.error }, 'return received; the order fulfillment status did not move')
}

/**
 * Staff record the returned parcel: each item's condition; sellable units go back on hand at the
 * chosen location, damaged ones are written off (no stock change, recorded). One transaction with
 * the order's history and the event and e-mail; the refund follows after the commit.
 */
export const receiveReturn =
  (d: ReturnsDeps) =>
  async (input: ReceiveInput): Promise<Result<Return, ReturnsError>> => {
    const where = await fallbackLocation(d)
    const unknown = [input.locationId, ...input.items.map((i) => i.locationId)].find((l) => l !== undefined && !where.ids.has(l))
    if (unknown) return err({ code: 'RETURNS_UNKNOWN_LOCATION', message: `No stock location "${unknown}".`, location_id: unknown })
    const r = await inTransaction(d, async (tx) => {
      const current = await readReturn(tx, input.returnId, { lock: true })
      if (!current) return notFound(input.returnId)
      if (current.status !== 'approved') return invalidState(current, 'received')
      const lines = planReceipt(current.items, input, where.fallback)
      if (!lines.ok) return lines
      const nowhere = lines.value.find((l) => l.locationId !== null && !where.ids.has(l.locationId))?.locationId
      if (nowhere) return err({ code: 'RETURNS_UNKNOWN_LOCATION', message: `No stock location "${nowhere}".`, location_id: nowhere })
      const nothingToRefund = current.refund_amount.amount === 0
      await moveReturn(tx, {
        id: current.id,
        from: ['approved'],
        to: nothingToRefund ? 'completed' : 'received',
        now: d.clock.now(),
        ...(nothingToRefund && { set: { refundStatus: 'not_needed' } }),
      })
      await applyReceipt(d, tx, lines.value)
      const note = [describe(lines.value, where.names), input.note?.trim()].filter(Boolean).join('. ')
      const received = await recordStep(d, tx, { returnId: current.id, step: 'received', note, topic: RETURNS_TOPICS.received })
      await moveOrder(d, tx, received)
      const order = await loadOrder(d, current.order_id, tx)
      if (order.ok) await d.enqueueEmail(returnUpdateEmail('received', received, recipientOf(order.value), input.note), tx)
      return ok(received)
    })
    if (!r.ok) return r
    await d.inventory.refreshAvailability([...new Set(r.value.items.map((i) => i.variant_id))])
    if (r.value.status !== 'received') return r
    const refunded = await refundReturn(d)({ returnId: r.value.id })
    // the receipt stands; a refund the gateway refused or could not make is shown on the return and can be asked again
    return refunded.ok ? refunded : ok((await readReturn(d.db.orm, r.value.id)) as Return)
  }
