import type { CustomersApi } from '../contract.ts'
import type { CookiePolicy } from './session-cookie.ts'

export type CustomersRoutesDeps = {
  readonly customers: CustomersApi
  readonly cookies: CookiePolicy
  /** PUBLIC_URL, an origin that counts as this site besides the request's own host */
  readonly publicOrigin?: string
}
