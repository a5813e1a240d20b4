import { eq, type SQL, and } from 'drizzle-orm'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Return, ReturnListFilter } from '../contract.ts'
import type { ReturnsDeps } from '../deps.ts'
import type { ReturnsError } from '../errors.ts'
import { returns } from '../schema.ts'
import { pageOfReturns, readReturn, returnsOfOrder } from '../store/read-returns.ts'
import { notFound } from './support.ts'

export const getReturn =
  (d: ReturnsDeps) =>
  async (id: string): Promise<Result<Return, ReturnsError>> => {
    const r = await readReturn(d.db.orm, id)
    return r ? ok(r) : notFound(id)
  }

export const listForOrder = (d: ReturnsDeps) => (orderId: string) => returnsOfOrder(d.db.orm, orderId)

const encodeCursor = (r: Return) => Buffer.from(`${r.created_at}|${r.id}`, 'utf8').toString('base64url')

const decodeCursor = (c: string): { at: Date; id: string } | null => {
  const [at, id, ...rest] = Buffer.from(c, 'base64url').toString('utf8').split('|')
  const when = new Date(at ?? '')
  return rest.length === 0 && id && /^ret_[a-z0-9]{26}$/.test(id) && !Number.isNaN(when.getTime()) ? { at: when, id } : null
}

/** Newest first, filtered by status and order; `next_cursor` null at the end. */
export const listReturns =
  (d: ReturnsDeps) =>
  async (f: ReturnListFilter): Promise<Result<{ returns: Return[]; next_cursor: string | null }, ReturnsError>> => {
    const after = f.cursor ? decodeCursor(f.cursor) : undefined
    if (after === null) return err({ code: 'RETURNS_INVALID_CURSOR', message: 'That cursor is not one this list gave out.' })
    const conditions: SQL[] = []
    if (f.status) conditions.push(eq(returns.status, f.status))
    if (f.orderId) conditions.push(eq(returns.orderId, f.orderId))
    const rows = await pageOfReturns(d.db.orm, conditions.length ? and(...conditions) : undefined, {
      limit: f.limit + 1,
      ...(after && { after }),
    })
    const page = rows.slice(0, f.limit)
    const last = page.at(-1)
    return ok({ returns: page, next_cursor: rows.length > f.limit && last ? encodeCursor(last) : null })
  }
