export type {
  Applied,
  FindApplicableInput,
  NewPromotion,
  Promotion,
  PromotionKind,
  PromotionPage,
  PromotionPatch,
  PromotionsApi,
  RedeemInput,
} from './contract.ts'
export type { InvalidCodeError, InvalidCodeReason, LimitReachedError, PromotionsError, PromotionsErrorCode } from './errors.ts'
export { createPromotions } from './create-promotions.ts'
export type { PromotionsDeps } from './deps.ts'
export { applyDiscounts, type DiscountInput, type DiscountLine, type Discounts } from './domain/apply-discounts.ts'
export { promotionsAdminRoutes } from './http/admin-routes.ts'
export { promotionsHttpError } from './http/error-status.ts'
