export type { ActiveSession, AddressInput, Customer, CustomerAddress, CustomersApi, DataExport, SessionGrant } from './contract.ts'
export { createCustomers } from './create-customers.ts'
export { type AdminCustomer, type CustomersAdminApi, createCustomersAdmin } from './create-customers-admin.ts'
export { customersAdminRoutes } from './http/admin-routes.ts'
export { type AccountEmail, CUSTOMERS_DEFAULTS, type CustomerOrdersPort, type CustomersDeps, type CustomersOptions } from './deps.ts'
export type { ThrottleRule } from './domain/throttle-delay.ts'
export { MAX_PASSWORD, MIN_PASSWORD } from './domain/account-input.ts'
export type { CustomersError, CustomersErrorCode, CustomersFailureCode } from './errors.ts'
export { customerStoreRoutes, type CustomersRoutesDeps } from './http/customer-routes.ts'
export { CSRF_HEADER } from './http/guard.ts'
export {
  clearSessionCookie,
  type CookiePolicy,
  csrfMatches,
  readSessionCookie,
  SESSION_COOKIE,
  sameOrigin,
  sessionOf,
  setSessionCookie,
} from './http/session-cookie.ts'
export { csrfTokenFor } from './secret-token.ts'
export { localThrottle } from './throttle/local-throttle.ts'
export type { LoginThrottle, ThrottleKey } from './throttle/login-throttle.ts'
export { redisThrottle } from './throttle/redis-throttle.ts'
