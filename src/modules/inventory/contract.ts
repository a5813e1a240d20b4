import type { Executor } from '../../platform/db/database.ts'
import type { Result } from '../../platform/result.ts'
import type { InventoryError } from './errors.ts'

export type StockLevel = { readonly location_id: string; readonly on_hand: number; readonly reserved: number }
export type VariantStock = { readonly variant_id: string; readonly levels: StockLevel[] }
export type StockLocation = {
  readonly id: string
  readonly name: string
  readonly serves_storefront: boolean
  readonly is_default: boolean
}

export type Reservation = { readonly id: string; readonly variant_id: string; readonly location_id: string; readonly quantity: number }

export type ReserveInput = {
  readonly ref: string
  readonly lines: readonly { readonly variantId: string; readonly quantity: number }[]
  readonly expiresAt: Date
  /** the caller already tried the one-location hold of `wholeHold` and it was refused: plan straight away */
  readonly wholeHoldTried?: boolean
}

export type Reserved = Result<{ readonly reservations: Reservation[]; readonly lowStockVariantIds: string[] }, InventoryError>

/** What `inventory.hold_whole` answered: held at a location, or not, with the units free overall then. */
export type WholeHold =
  | { readonly held: true; readonly locationId: string; readonly free: number }
  | { readonly held: false; readonly available: number }

/** An order of one variant as the arguments of `inventory.hold_whole` (migration 0013), and what its answer means. */
export type WholeHoldPlan = {
  readonly hold: {
    readonly id: string
    readonly ref: string
    readonly variantId: string
    readonly quantity: number
    readonly expiresAt: Date
  }
  /** reserved; refused (not enough units in all locations together); or null: only planning across locations can serve it */
  readonly outcome: (answer: WholeHold) => Reserved | null
}

export type InventoryApi = {
  /**
   * Holds units for every line inside the caller's transaction (all or nothing), allocated from
   * one location that can serve the whole order when possible. `ref` ties them to an order.
   */
  readonly reserve: (tx: Executor, input: ReserveInput) => Promise<Reserved>
  /**
   * An order of one variant, as the hold `reserve` would try first, for a caller that makes it in a
   * database call of its own (checkout.place); null for an order of several variants.
   */
  readonly wholeHold: (input: ReserveInput) => WholeHoldPlan | null
  /** payment went through: the reservations no longer expire */
  readonly commit: (input: { readonly ref: string }, tx?: Executor) => Promise<{ readonly committed: number; readonly released: number }>
  /** gives the units back (active ones; committed ones too when `includeCommitted`); idempotent */
  readonly release: (
    input: { readonly ref: string; readonly includeCommitted?: boolean },
    tx?: Executor,
  ) => Promise<{ readonly units: number }>
  /** a parcel left `locationId`: the ref's committed units there leave on hand and reserved alike; idempotent */
  readonly ship: (input: { readonly ref: string; readonly locationId: string }, tx?: Executor) => Promise<{ readonly units: number }>
  /** the expiry job: releases active reservations past their expiry; returns the refs touched */
  readonly releaseExpired: (input: { readonly limit: number }) => Promise<{ readonly refs: string[]; readonly units: number }>
  /** after a commit that reserved or released units near sell-out: refresh cached availability */
  readonly refreshAvailability: (variantIds: readonly string[]) => Promise<void>
  /** reservations of a ref (for tests, admin and reconciliation) */
  readonly listReservations: (
    ref: string,
    tx?: Executor,
  ) => Promise<(Reservation & { readonly status: string; readonly expires_at: string })[]>
  /** on hand − reserved, summed over locations serving the storefront; 0 for unknown variants */
  readonly availableFor: (variantIds: readonly string[]) => Promise<ReadonlyMap<string, number>>
  readonly getStock: (variantId: string) => Promise<Result<VariantStock, InventoryError>>
  /** sets on-hand units; refused (not clamped) when it would fall below what is reserved */
  readonly setOnHand: (input: {
    readonly variantId: string
    readonly onHand: number
    readonly locationId?: string
  }) => Promise<Result<VariantStock, InventoryError>>
  /** adds units on hand at a location (returned goods), in `tx` when given; one conditional write */
  readonly restock: (
    input: { readonly variantId: string; readonly locationId: string; readonly quantity: number },
    tx?: Executor,
  ) => Promise<Result<StockLevel, InventoryError>>
  readonly listLocations: () => Promise<StockLocation[]>
  /** creates the location if its id is new; used by seed and set-up */
  readonly ensureLocation: (l: StockLocation) => Promise<void>
  /** bulk on-hand load for `crest seed` (before serving); existing levels are left as they are */
  readonly importStock: (
    levels: readonly { readonly variant_id: string; readonly location_id: string; readonly on_hand: number }[],
  ) => Promise<number>
}
