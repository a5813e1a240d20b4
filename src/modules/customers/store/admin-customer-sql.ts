import { and, desc, ilike, lt, or, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { customerAccounts } from '../schema.ts'
import type { AccountRow } from './account-sql.ts'

/** `%` and `_` (and the escape itself) match literally in a search term. */
const literal = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * One page of accounts for staff, newest first (ids are time-sortable, so the primary key orders
 * them and the cursor is the last id seen), optionally matching `q` in the e-mail or the name.
 */
export const searchAccounts = async (
  ex: Executor,
  q: { readonly q?: string; readonly limit: number; readonly cursor?: string },
): Promise<{ readonly rows: readonly AccountRow[]; readonly next_cursor: string | null }> => {
  const where: SQL[] = []
  if (q.q) {
    const term = `%${literal(q.q.toLowerCase())}%`
    where.push(or(ilike(customerAccounts.email, term), ilike(customerAccounts.name, term)) as SQL)
  }
  if (q.cursor) where.push(lt(customerAccounts.id, q.cursor))
  const rows = await ex
    .select()
    .from(customerAccounts)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(customerAccounts.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  return { rows: page, next_cursor: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null }
}
