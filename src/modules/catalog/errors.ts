/** The complete catalogue of catalog error codes. */
export type CatalogError =
  | { readonly code: 'CATALOG_NOT_FOUND'; readonly message: string }
  | { readonly code: 'CATALOG_HANDLE_TAKEN'; readonly message: string; readonly handle: string }
  | { readonly code: 'CATALOG_SKU_TAKEN'; readonly message: string; readonly sku: string }
  | { readonly code: 'CATALOG_UNKNOWN_CATEGORY'; readonly message: string; readonly category: string }
  | { readonly code: 'CATALOG_INVALID_CURSOR'; readonly message: string }
  | { readonly code: 'CATALOG_LAST_VARIANT'; readonly message: string }
  | { readonly code: 'CATALOG_TOO_MANY_IMAGES'; readonly message: string; readonly max: number }
  | {
      readonly code: 'CATALOG_INVALID_SCHEDULE'
      readonly message: string
      readonly in: 'body'
      readonly fields: readonly ScheduleFieldError[]
    }
  | { readonly code: 'CATALOG_SCHEDULE_NOT_ACTIVE'; readonly message: string; readonly status: 'upcoming' | 'ended' }

/** One rejected field of a price-schedule batch; reason is a stable code a client can switch on. */
export type ScheduleFieldError = {
  readonly field: string
  readonly message: string
  readonly reason: 'ends_before_start' | 'ends_in_past' | 'duplicate_item' | 'unknown_variant' | 'currency_not_priced'
}

export type CatalogErrorCode = CatalogError['code']
