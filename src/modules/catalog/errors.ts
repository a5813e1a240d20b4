/** The complete catalogue of catalog error codes. */
export type CatalogError =
  | { readonly code: 'CATALOG_NOT_FOUND'; readonly message: string }
  | { readonly code: 'CATALOG_HANDLE_TAKEN'; readonly message: string; readonly handle: string }
  | { readonly code: 'CATALOG_SKU_TAKEN'; readonly message: string; readonly sku: string }
  | { readonly code: 'CATALOG_UNKNOWN_CATEGORY'; readonly message: string; readonly category: string }
  | { readonly code: 'CATALOG_INVALID_CURSOR'; readonly message: string }
  | { readonly code: 'CATALOG_LAST_VARIANT'; readonly message: string }

export type CatalogErrorCode = CatalogError['code']
