import type { CatalogError } from '../../modules/catalog/index.ts'
import { AppError } from '../../platform/app-error.ts'
import { badRequest, notFound, type PageError } from './page-kit.ts'

/** A failed catalog read as the page a shopper sees: stale page links are a 400, unknown things a 404. */
export const catalogFailure = (e: CatalogError, what: string): PageError | AppError => {
  switch (e.code) {
    case 'CATALOG_INVALID_CURSOR':
      return badRequest('That page link is no longer valid. Please start again from the first page.')
    case 'CATALOG_NOT_FOUND':
    case 'CATALOG_UNKNOWN_CATEGORY':
      return notFound(what)
    default:
      return new AppError('STOREFRONT_CATALOG_READ_FAILED', e.message, { details: e })
  }
}

/** Handles as the catalog makes them: lower-case words joined by single dashes. */
export const HANDLE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
