import { err, ok, type Result } from '../../../platform/result.ts'
import type { ItemCondition, ReceiveInput, ReturnItem } from '../contract.ts'
import type { ReturnsError } from '../errors.ts'

export type ReceiptLine = {
  readonly item: ReturnItem
  readonly condition: ItemCondition
  /** sellable units go back on hand here; null for damaged units (written off) */
  readonly locationId: string | null
}

/**
 * Checks a receipt against the return: every item once, nothing else. Sellable units are restocked
 * at the item's location, else the receipt's, else `fallback`; damaged ones are written off.
 */
export const planReceipt = (items: readonly ReturnItem[], input: ReceiveInput, fallback: string): Result<ReceiptLine[], ReturnsError> => {
  const given = new Map(input.items.map((i) => [i.id, i]))
  if (given.size !== input.items.length) return err({ code: 'RETURNS_INVALID_RECEIPT', message: 'An item is listed twice.' })
  const unknown = input.items.find((i) => !items.some((x) => x.id === i.id))
  if (unknown) return err({ code: 'RETURNS_INVALID_RECEIPT', message: `The return has no item "${unknown.id}".` })
  const missing = items.find((i) => !given.has(i.id))
  if (missing) return err({ code: 'RETURNS_INVALID_RECEIPT', message: `Item ${missing.id} needs its condition.` })
  return ok(
    items.map((item) => {
      const g = given.get(item.id) as ReceiveInput['items'][number]
      return {
        item,
        condition: g.condition,
        locationId: g.condition === 'sellable' ? (g.locationId ?? input.locationId ?? fallback) : null,
      }
    }),
  )
}

/** All units of the order returned (received), or only some. */
export const returnedState = (
  ordered: ReadonlyMap<string, number>,
  received: ReadonlyMap<string, number>,
): 'returned' | 'partially_returned' => ([...ordered].every(([id, q]) => (received.get(id) ?? 0) >= q) ? 'returned' : 'partially_returned')
