import type { PriceScheduleInput } from '../contract.ts'
import type { ScheduleFieldError } from '../errors.ts'

/** What the store knows about a variant a batch names: the currencies it has a regular price in. */
export type ScheduleTarget = { readonly currencies: readonly string[] }

/**
 * Every reason a batch cannot be written, each naming its field (`items.3.price.currency`), so a client can
 * show them all at once. Empty: the batch is valid. Pure: the caller loads the targets and passes the clock.
 */
export const checkScheduleBatch = (
  input: PriceScheduleInput,
  now: Date,
  targets: ReadonlyMap<string, ScheduleTarget>,
): ScheduleFieldError[] => {
  const errors: ScheduleFieldError[] = []
  if (input.ends_at.getTime() <= input.starts_at.getTime()) {
    errors.push({ field: 'ends_at', message: 'must be after starts_at', reason: 'ends_before_start' })
  } else if (input.ends_at.getTime() <= now.getTime()) {
    errors.push({ field: 'ends_at', message: 'must be in the future', reason: 'ends_in_past' })
  }
  const seen = new Set<string>()
  input.items.forEach((item, i) => {
    const key = `${item.variant_id} ${item.price.currency}`
    const target = targets.get(item.variant_id)
    if (seen.has(key)) {
      errors.push({
        field: `items.${i}`,
        message: 'this variant already has a price in this currency in the batch',
        reason: 'duplicate_item',
      })
    } else if (!target) {
      errors.push({ field: `items.${i}.variant_id`, message: `no variant "${item.variant_id}"`, reason: 'unknown_variant' })
    } else if (!target.currencies.includes(item.price.currency)) {
      const has = target.currencies.length ? target.currencies.join(', ') : 'none'
      errors.push({
        field: `items.${i}.price.currency`,
        message: `the variant has no regular price in ${item.price.currency} (it has: ${has})`,
        reason: 'currency_not_priced',
      })
    }
    seen.add(key)
  })
  return errors
}
