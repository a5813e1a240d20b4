import type { HotMemo } from '../../platform/cache/hot-memo.ts'
import type { Database } from '../../platform/db/database.ts'
import type { IdPrefix } from '../../platform/ids/new-id.ts'
import type { Result } from '../../platform/result.ts'
import type { VariantSnapshot } from '../catalog/index.ts'

export type AppliedDiscounts = {
  readonly discountTotal: number
  readonly freeShipping: boolean
  readonly applied: { readonly promotionId: string; readonly code: string | null; readonly name: string; readonly amount: number }[]
}

/** Ports wired in app.ts: the cart prices through them without owning their data. */
export type CartDeps = {
  readonly db: Database
  /** where the lines of recently changed carts are remembered (see CartApi.peekLines) */
  readonly linesMemo: HotMemo
  readonly newId: (prefix: IdPrefix) => string
  readonly variants: (ids: readonly string[], currency: string) => Promise<ReadonlyMap<string, VariantSnapshot>>
  readonly available: (ids: readonly string[]) => Promise<ReadonlyMap<string, number>>
  readonly discounts: (input: {
    readonly code: string | null
    readonly currency: string
    readonly subtotal: number
    readonly shipping: number
    readonly email?: string
  }) => Promise<Result<AppliedDiscounts, { readonly reason: string }>>
  readonly taxRateBp: (input: { readonly country: string; readonly region?: string }) => Promise<number>
  readonly shippingOptions: (input: {
    /** the cart asking: live carrier quotes are kept per cart */
    readonly cartId: string
    readonly country: string
    readonly currency: string
    readonly subtotal: number
    readonly weightGrams: number
  }) => Promise<{ readonly id: string; readonly name: string; readonly amount: number }[]>
  /**
   * The chosen option at the price this cart may be charged (a live carrier quote as it was shown,
   * or a zone option priced now). Without it, checkout looks the option up among `shippingOptions`.
   */
  readonly chooseShipping?: (input: {
    readonly cartId: string
    readonly country: string
    readonly currency: string
    readonly subtotal: number
    readonly weightGrams: number
    readonly optionId: string
  }) => Promise<
    Result<{ readonly id: string; readonly name: string; readonly amount: number }, { readonly expired: boolean; readonly message: string }>
  >
  readonly options: {
    readonly defaultCurrency: string
    readonly currencies: readonly string[]
    readonly taxInclusive: boolean
    readonly defaultCountry: string
    readonly maxQuantityPerLine: number
    readonly maxLines: number
  }
}
