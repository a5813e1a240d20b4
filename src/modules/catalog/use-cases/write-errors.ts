import { inArray } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { uniqueViolation } from '../../../platform/db/unique-violation.ts'
import { err, type Err } from '../../../platform/result.ts'
import type { CatalogError } from '../errors.ts'
import { categories } from '../schema.ts'

/** Turns a unique violation into the matching catalog error; anything else is rethrown. */
export const uniqueToError = (e: unknown, what: { handle?: string; skus?: readonly string[] }): Err<CatalogError> => {
  const constraint = uniqueViolation(e)
  if (constraint?.includes('handle')) {
    const handle = what.handle ?? ''
    return err({ code: 'CATALOG_HANDLE_TAKEN', message: `The handle "${handle}" is already used.`, handle })
  }
  if (constraint?.includes('sku')) {
    const sku = what.skus?.join(', ') ?? ''
    return err({ code: 'CATALOG_SKU_TAKEN', message: `A SKU in ${sku} is already used.`, sku })
  }
  throw e
}

export const notFound = (what: string): Err<CatalogError> => err({ code: 'CATALOG_NOT_FOUND', message: `No ${what}.` })

/** The first category id that does not exist, or null. */
export const missingCategory = async (tx: Executor, ids: readonly string[]): Promise<string | null> => {
  if (ids.length === 0) return null
  const found = new Set(
    (
      await tx
        .select({ id: categories.id })
        .from(categories)
        .where(inArray(categories.id, [...ids]))
    ).map((c) => c.id),
  )
  return ids.find((id) => !found.has(id)) ?? null
}

export class Rollback extends Error {
  constructor(readonly result: Err<CatalogError>) {
    super(result.error.code)
  }
}

/** Runs a transaction body that may decide to roll back with an expected error. */
export const inTx = async <T>(run: (abort: (e: Err<CatalogError>) => never) => Promise<T>): Promise<T | Err<CatalogError>> => {
  try {
    return await run((e) => {
      throw new Rollback(e)
    })
  } catch (e) {
    if (e instanceof Rollback) return e.result
    throw e
  }
}
