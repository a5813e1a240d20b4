import type { Executor } from '../../platform/db/database.ts'
import type { Result } from '../../platform/result.ts'
import type { InvalidCodeError, LimitReachedError, NotFoundError, PromotionsError } from './errors.ts'

export type PromotionKind = 'percentage' | 'fixed' | 'free_shipping'

/** A promotion as the admin API shows it. Money in minor units; percentage `value` in basis points. */
export type Promotion = {
  readonly id: string
  /** null: automatic (applies without a code) */
  readonly code: string | null
  readonly name: string
  readonly kind: PromotionKind
  readonly value: number
  /** fixed: the currency of `value`; otherwise, when set, the only currency the promotion applies to */
  readonly currency: string | null
  /** in minor units of `currency` (a promotion with a minimum has a currency) */
  readonly min_subtotal: number
  readonly starts_at: string | null
  readonly ends_at: string | null
  readonly usage_limit: number | null
  readonly per_customer_limit: number | null
  readonly times_used: number
  readonly active: boolean
  readonly created_at: string
}

export type NewPromotion = {
  readonly code?: string | null
  readonly name: string
  readonly kind: PromotionKind
  readonly value?: number
  readonly currency?: string | null
  readonly min_subtotal?: number
  readonly starts_at?: Date | null
  readonly ends_at?: Date | null
  readonly usage_limit?: number | null
  readonly per_customer_limit?: number | null
  readonly active?: boolean
}

/** What may change on an existing promotion (kind, value, currency and code are fixed once created). */
export type PromotionPatch = Partial<
  Pick<NewPromotion, 'name' | 'min_subtotal' | 'starts_at' | 'ends_at' | 'usage_limit' | 'per_customer_limit' | 'active'>
>

/** A promotion that applies to a cart: what pricing needs to compute the discount. */
export type Applied = {
  readonly promotionId: string
  readonly code: string | null
  readonly name: string
  readonly kind: PromotionKind
  readonly value: number
  readonly currency: string | null
}

export type FindApplicableInput = {
  readonly code?: string
  readonly currency: string
  readonly subtotal: number
  /** when given, per-customer limits are checked too (redeem enforces them either way) */
  readonly email?: string
}

export type RedeemInput = {
  readonly orderId: string
  readonly email: string
  readonly applied: readonly { readonly promotionId: string; readonly amount: number }[]
}

export type PromotionPage = { readonly promotions: Promotion[]; readonly next_cursor: string | null }

export type PromotionsApi = {
  readonly createPromotion: (input: NewPromotion) => Promise<Result<Promotion, PromotionsError>>
  /** newest first; `cursor` is the `next_cursor` of the previous page */
  readonly listPromotions: (input: {
    readonly limit: number
    readonly cursor?: string
    /** part of the code or the name, any case */
    readonly q?: string
    readonly active?: boolean
  }) => Promise<PromotionPage>
  readonly getPromotion: (id: string) => Promise<Result<Promotion, NotFoundError>>
  readonly updatePromotion: (id: string, patch: PromotionPatch) => Promise<Result<Promotion, PromotionsError>>
  /** the promotion of `code` (if given) and every automatic promotion that applies now */
  readonly findApplicable: (input: FindApplicableInput) => Promise<Result<Applied[], InvalidCodeError>>
  /**
   * Counts one use of each promotion inside the caller's transaction, with conditional writes.
   * On an error the caller must roll its transaction back (earlier promotions were counted).
   * Redeeming the same promotion for the same order again is a no-op.
   */
  readonly redeem: (tx: Executor, input: RedeemInput) => Promise<Result<null, LimitReachedError>>
  /** gives the order's uses back exactly once, however often or concurrently it is called */
  readonly releaseRedemptions: (input: { readonly orderId: string }, tx?: Executor) => Promise<{ readonly released: number }>
}
