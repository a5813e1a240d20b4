/** Why a code cannot be used right now; the message says it in words a shopper understands. */
export type InvalidCodeReason =
  | 'unknown'
  | 'inactive'
  | 'not_started'
  | 'expired'
  | 'wrong_currency'
  | 'used_up'
  | 'customer_used_up'
  | 'below_minimum'

/** The complete catalogue of promotions error codes. */
export type PromotionsError =
  | {
      readonly code: 'PROMOTIONS_INVALID_CODE'
      readonly message: string
      readonly reason: InvalidCodeReason
      /** set for `below_minimum`: the subtotal needed, in minor units of `currency` */
      readonly min_subtotal?: number
      readonly currency?: string
    }
  | {
      readonly code: 'PROMOTIONS_LIMIT_REACHED'
      readonly message: string
      readonly promotionId: string
      readonly scope: 'total' | 'customer'
    }
  | { readonly code: 'PROMOTIONS_CODE_TAKEN'; readonly message: string; readonly promo_code: string }
  | { readonly code: 'PROMOTIONS_NOT_FOUND'; readonly message: string }
  | { readonly code: 'PROMOTIONS_INVALID_INPUT'; readonly message: string; readonly field: string }

export type PromotionsErrorCode = PromotionsError['code']

/** Narrowed error types, for callers that can only meet some of them. */
export type InvalidCodeError = Extract<PromotionsError, { code: 'PROMOTIONS_INVALID_CODE' }>
export type LimitReachedError = Extract<PromotionsError, { code: 'PROMOTIONS_LIMIT_REACHED' }>
export type NotFoundError = Extract<PromotionsError, { code: 'PROMOTIONS_NOT_FOUND' }>
export type InvalidInputError = Extract<PromotionsError, { code: 'PROMOTIONS_INVALID_INPUT' }>
