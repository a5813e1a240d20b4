import { AsyncLocalStorage } from 'node:async_hooks'

/** The request a piece of work belongs to, so every log line written for it names the request. */
export type RequestScope = { readonly requestId: string }
const storage = new AsyncLocalStorage<RequestScope>()

export const currentRequestScope = (): RequestScope | undefined => storage.getStore()
export const runInRequestScope = <T>(scope: RequestScope, fn: () => T): T => storage.run(scope, fn)
