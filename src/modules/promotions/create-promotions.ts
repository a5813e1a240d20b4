import type { PromotionsApi } from './contract.ts'
import type { PromotionsDeps } from './deps.ts'
import { findApplicable } from './use-cases/find-applicable.ts'
import { createPromotion, listPromotions, updatePromotion } from './use-cases/manage-promotions.ts'
import { redeem, releaseRedemptions } from './use-cases/redeem.ts'

export const createPromotions = (d: PromotionsDeps): PromotionsApi => ({
  createPromotion: createPromotion(d),
  listPromotions: listPromotions(d),
  updatePromotion: updatePromotion(d),
  findApplicable: findApplicable(d),
  redeem: redeem(d),
  releaseRedemptions: releaseRedemptions(d),
})
