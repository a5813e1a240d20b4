import { ok, type Result } from '../../../platform/result.ts'
import type { Order } from '../../orders/index.ts'
import type { RequestReturnInput, Return } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import { returnUpdateEmail } from '../domain/return-emails.ts'
import { approvesItself, type PlannedLine, planReturn } from '../domain/return-policy.ts'
import type { ReturnsError } from '../errors.ts'
import { RETURNS_TOPICS } from '../events.ts'
import { returnedUnits } from '../store/read-returns.ts'
import { insertReturn } from '../store/write-returns.ts'
import { approveInTransaction, afterApproval } from './approve-return.ts'
import { inTransaction, loadOrder, lockOrderReturns, orderFacts, recipientOf, recordStep } from './support.ts'

const insertPlanned = async (
  d: ReturnsDeps,
  tx: Parameters<typeof insertReturn>[0],
  o: Order,
  input: RequestReturnInput,
  lines: PlannedLine[],
) => {
  const id = d.newId('ret')
  const now = d.clock.now()
  const itemOf = new Map(o.items.map((i) => [i.id, i]))
  await insertReturn(
    tx,
    {
      id,
      orderId: o.id,
      orderNumber: o.number,
      email: o.email,
      status: 'requested',
      source: input.source,
      currency: o.currency,
      refundAmount: lines.reduce((s, l) => s + l.refundAmount, 0),
      note: input.note ?? '',
      createdAt: now,
      updatedAt: now,
    },
    lines.map((l) => {
      const item = itemOf.get(l.itemId)
      return {
        id: d.newId('rit'),
        returnId: id,
        orderId: o.id,
        orderItemId: l.itemId,
        variantId: l.variantId,
        sku: item?.sku ?? '',
        title: item?.title ?? '',
        quantity: l.quantity,
        reason: l.reason,
        refundAmount: l.refundAmount,
        exchangeVariantId: l.exchangeVariantId ?? null,
      }
    }),
  )
  return id
}

const summary = (lines: readonly PlannedLine[], o: Order) =>
  lines
    .map(
      (l) =>
        `${l.quantity} × ${o.items.find((i) => i.id === l.itemId)?.title ?? l.itemId}${l.exchangeVariantId ? ' (exchange)' : ''}: ${l.reason}`,
    )
    .join('; ')

/**
 * A shopper's or staff member's return request: checked against the policy with the order's
 * other returns (requests of one order are serialised), recorded with its first step, history
 * row, event and e-mail in one transaction; approved in the same transaction when the rule says
 * so, and then given its carrier label.
 */
export const requestReturn =
  (d: ReturnsDeps) =>
  async (input: RequestReturnInput): Promise<Result<Return, ReturnsError>> => {
    const found = await loadOrder(d, input.orderId)
    if (!found.ok) return found
    const order = found.value
    const exchangeIds = [...new Set(input.items.flatMap((i) => (i.exchangeVariantId ? [i.exchangeVariantId] : [])))]
    const categoriesOf = await d.categoriesOf([...new Set(order.items.map((i) => i.variant_id))])
    const sellable = exchangeIds.length ? await d.sellable(exchangeIds, order.currency) : new Map()
    const replacementPrices = new Map([...sellable].map(([id, v]) => [id, v.price]))
    const r = await inTransaction(d, async (tx) => {
      await lockOrderReturns(tx, order.id)
      const alreadyReturned = await returnedUnits(tx, order.id)
      const planned = planReturn(d.options.policy, {
        order: orderFacts(order),
        lines: input.items,
        alreadyReturned,
        categoriesOf,
        replacementPrices,
        now: d.clock.now(),
      })
      if (!planned.ok) return planned
      const id = await insertPlanned(d, tx, order, input, planned.value)
      const by = input.source === 'store' ? 'Requested by the shopper' : 'Requested by staff'
      const requested = await recordStep(d, tx, {
        returnId: id,
        step: 'requested',
        note: `${by}: ${summary(planned.value, order)}`,
        topic: RETURNS_TOPICS.requested,
      })
      await d.enqueueEmail(returnUpdateEmail('requested', requested, recipientOf(order), input.note), tx)
      const hasExchange = planned.value.some((l) => l.exchangeVariantId !== undefined)
      if (!approvesItself(d.options.policy, requested.refund_amount.amount, hasExchange)) return ok({ ret: requested, approved: false })
      const approved = await approveInTransaction(d, tx, requested, 'Approved automatically (under the auto-approval value)')
      return approved.ok ? ok({ ret: approved.value, approved: true }) : approved
    })
    if (!r.ok) return r
    return r.value.approved ? afterApproval(d, r.value.ret) : ok(r.value.ret)
  }
