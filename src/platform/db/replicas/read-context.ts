import { AsyncLocalStorage } from 'node:async_hooks'
import type { Lsn } from './lsn.ts'

/**
 * What the current request needs from its reads, carried implicitly (set by the HTTP layer) so
 * module code asks for "a read" and never for a server: `primary` (staff screens, which must show
 * a change at once) or `after` (a WAL position the caller wrote and must see: read-your-writes).
 */
export type ReadContext = { readonly primary?: boolean; readonly after?: Lsn }

const storage = new AsyncLocalStorage<ReadContext>()

export const currentReadContext = (): ReadContext | undefined => storage.getStore()

/** Runs fn with this read context (and everything it awaits). */
export const withReadContext = <T>(context: ReadContext, fn: () => T): T => storage.run(context, fn)

/** Sets the read context for the rest of the current asynchronous flow (a request hook). */
export const enterReadContext = (context: ReadContext): void => storage.enterWith(context)
