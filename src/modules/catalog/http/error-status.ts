import { assertNever } from '../../../platform/result.ts'
import type { CatalogError } from '../errors.ts'

/** The only place catalog error codes meet HTTP: status and public code. */
export const httpErrorOf = (e: CatalogError): { status: number; code: string } => {
  switch (e.code) {
    case 'CATALOG_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'CATALOG_HANDLE_TAKEN':
      return { status: 409, code: 'handle_taken' }
    case 'CATALOG_SKU_TAKEN':
      return { status: 409, code: 'sku_taken' }
    case 'CATALOG_UNKNOWN_CATEGORY':
      return { status: 422, code: 'unknown_category' }
    case 'CATALOG_INVALID_CURSOR':
      return { status: 400, code: 'invalid_cursor' }
    case 'CATALOG_LAST_VARIANT':
      return { status: 409, code: 'last_variant' }
    case 'CATALOG_TOO_MANY_IMAGES':
      return { status: 409, code: 'too_many_images' }
    case 'CATALOG_INVALID_SCHEDULE':
      return { status: 422, code: 'invalid_request' } // as the schema validation of every admin body answers
    case 'CATALOG_SCHEDULE_NOT_ACTIVE':
      return { status: 409, code: 'schedule_not_active' }
    default:
      return assertNever(e)
  }
}
