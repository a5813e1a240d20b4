import { createTtlMemo } from '../../platform/cache/ttl-memo.ts'
import type { PromotionsApi } from './contract.ts'
import type { PromotionsContext, PromotionsDeps } from './deps.ts'
import { automaticNotOver } from './store/promotion-sql.ts'
import { findApplicable } from './use-cases/find-applicable.ts'
import { createPromotion, getPromotion, listPromotions, updatePromotion } from './use-cases/manage-promotions.ts'
import { redeem, releaseRedemptions } from './use-cases/redeem.ts'

/**
 * Every cart view and checkout looks at the automatic promotions, so this process keeps their list
 * for a moment instead of asking the database each time. A change made here is seen at once; one
 * made in another process within this time. Windows and limits are still checked on every use
 * (the limits atomically, at checkout), so the cached list never lets a promotion be overused.
 */
export const AUTOMATIC_TTL_MS = 2000

export const createPromotions = (deps: PromotionsDeps): PromotionsApi => {
  const memo = createTtlMemo({
    now: () => Date.now(),
    ttlMs: AUTOMATIC_TTL_MS,
    max: 1,
    load: () => automaticNotOver(deps.db.orm, deps.clock.now()),
  })
  const d: PromotionsContext = { ...deps, automatic: () => memo.get('automatic'), forgetAutomatic: () => memo.clear() }
  return {
    createPromotion: createPromotion(d),
    listPromotions: listPromotions(d),
    getPromotion: getPromotion(d),
    updatePromotion: updatePromotion(d),
    findApplicable: findApplicable(d),
    redeem: redeem(d),
    releaseRedemptions: releaseRedemptions(d),
  }
}
