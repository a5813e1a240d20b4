import type { Applied, Promotion } from '../contract.ts'
import type { PromotionRule } from '../domain/evaluate-promotion.ts'
import type { PromotionDraft } from '../domain/validate-promotion.ts'
import type { promotions } from '../schema.ts'

export type PromotionRow = typeof promotions.$inferSelect

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export const toPromotion = (r: PromotionRow): Promotion => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  value: r.value,
  currency: r.currency,
  min_subtotal: r.minSubtotal,
  starts_at: iso(r.startsAt),
  ends_at: iso(r.endsAt),
  usage_limit: r.usageLimit,
  per_customer_limit: r.perCustomerLimit,
  times_used: r.timesUsed,
  active: r.active,
  created_at: r.createdAt.toISOString(),
})

export const toDraft = (r: PromotionRow): PromotionDraft => ({
  code: r.code,
  name: r.name,
  kind: r.kind,
  value: r.value,
  currency: r.currency,
  minSubtotal: r.minSubtotal,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  usageLimit: r.usageLimit,
  perCustomerLimit: r.perCustomerLimit,
  active: r.active,
})

export const toRule = (r: PromotionRow): PromotionRule => ({ ...toDraft(r), timesUsed: r.timesUsed })

export const toApplied = (r: PromotionRow): Applied => ({
  promotionId: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  value: r.value,
  currency: r.currency,
})

/** The columns a draft sets. */
export const columnsOf = (d: PromotionDraft) => ({
  code: d.code,
  name: d.name,
  kind: d.kind,
  value: d.value,
  currency: d.currency,
  minSubtotal: d.minSubtotal,
  startsAt: d.startsAt,
  endsAt: d.endsAt,
  usageLimit: d.usageLimit,
  perCustomerLimit: d.perCustomerLimit,
  active: d.active,
})
