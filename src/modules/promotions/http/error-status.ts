import { assertNever } from '../../../platform/result.ts'
import type { PromotionsError } from '../errors.ts'

/** The only place promotions error codes meet HTTP: status and public code (used by cart and checkout too). */
export const promotionsHttpError = (e: PromotionsError): { status: number; code: string } => {
  switch (e.code) {
    case 'PROMOTIONS_INVALID_CODE':
    case 'PROMOTIONS_LIMIT_REACHED':
      return { status: 422, code: 'invalid_discount' }
    case 'PROMOTIONS_CODE_TAKEN':
      return { status: 409, code: 'code_taken' }
    case 'PROMOTIONS_NOT_FOUND':
      return { status: 404, code: 'not_found' }
    case 'PROMOTIONS_INVALID_INPUT':
      return { status: 422, code: 'invalid_request' }
    default:
      return assertNever(e)
  }
}
