import { err, ok } from '../../../platform/result.ts'
import type { PromotionsApi } from '../contract.ts'
import type { PromotionsDeps } from '../deps.ts'
import { customerKeyOf } from '../domain/customer-key.ts'
import type { LimitReachedError } from '../errors.ts'
import { countCustomerUse, countUse, holdRedemption, releaseOrder } from '../store/redemption-sql.ts'

const limitReached = (promotionId: string, scope: 'total' | 'customer'): LimitReachedError => ({
  code: 'PROMOTIONS_LIMIT_REACHED',
  promotionId,
  scope,
  message:
    scope === 'total'
      ? 'This discount has been used up or is no longer active.'
      : 'This discount has already been used with this e-mail address.',
})

/**
 * Per promotion, in id order (a fixed lock order, so concurrent checkouts cannot deadlock):
 * record the redemption, count one use, count one customer use; each a single conditional write.
 */
export const redeem =
  (_d: PromotionsDeps): PromotionsApi['redeem'] =>
  async (tx, input) => {
    const customerKey = customerKeyOf(input.email)
    const byId = new Map(input.applied.map((a) => [a.promotionId, a.amount]))
    for (const promotionId of [...byId.keys()].sort()) {
      const amount = byId.get(promotionId) ?? 0
      if (!(await holdRedemption(tx, { promotionId, orderId: input.orderId, customerKey, amount }))) continue
      const counted = await countUse(tx, promotionId)
      if (!counted) return err(limitReached(promotionId, 'total'))
      const limit = counted.perCustomerLimit
      if (limit !== null && !(await countCustomerUse(tx, promotionId, customerKey, limit))) {
        return err(limitReached(promotionId, 'customer'))
      }
    }
    return ok(null)
  }

export const releaseRedemptions =
  (d: PromotionsDeps): PromotionsApi['releaseRedemptions'] =>
  async ({ orderId }, tx) => ({ released: await releaseOrder(tx ?? d.db.orm, orderId) })
