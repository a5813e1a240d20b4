import { and, desc, eq, gt, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { PromotionDraft } from '../domain/validate-promotion.ts'
import { customerUsage, promotions } from '../schema.ts'
import { columnsOf, type PromotionRow } from './promotion-rows.ts'

/** Inserts the promotion; null when its code is taken (case-insensitively): one statement, no pre-check. */
export const insertPromotion = async (db: Executor, id: string, d: PromotionDraft, now: Date): Promise<PromotionRow | null> => {
  const [row] = await db
    .insert(promotions)
    .values({ id, ...columnsOf(d), createdAt: now })
    .onConflictDoNothing()
    .returning()
  return row ?? null
}

const escapeLike = (t: string) => t.replace(/[\\%_]/g, (c) => `\\${c}`)

export const listPromotionRows = (db: Executor, o: { limit: number; before?: string; q?: string; active?: boolean }) =>
  db
    .select()
    .from(promotions)
    .where(
      and(
        o.before ? lt(promotions.id, o.before) : undefined,
        o.active === undefined ? undefined : eq(promotions.active, o.active),
        o.q ? or(ilike(promotions.code, `%${escapeLike(o.q)}%`), ilike(promotions.name, `%${escapeLike(o.q)}%`)) : undefined,
      ),
    )
    .orderBy(desc(promotions.id))
    .limit(o.limit)

export const promotionRow = async (db: Executor, id: string): Promise<PromotionRow | null> => {
  const [row] = await db.select().from(promotions).where(eq(promotions.id, id))
  return row ?? null
}

/** The row, locked until the transaction ends, so a change is checked against what it replaces. */
export const lockPromotion = async (tx: Executor, id: string): Promise<PromotionRow | null> => {
  const [row] = await tx.select().from(promotions).where(eq(promotions.id, id)).for('update')
  return row ?? null
}

export const updatePromotionRow = async (tx: Executor, id: string, d: PromotionDraft): Promise<PromotionRow | null> => {
  const [row] = await tx.update(promotions).set(columnsOf(d)).where(eq(promotions.id, id)).returning()
  return row ?? null
}

export const findByCode = async (db: Executor, code: string): Promise<PromotionRow | null> => {
  const [row] = await db.select().from(promotions).where(sql`lower(${promotions.code}) = lower(${code})`).limit(1)
  return row ?? null
}

/** Automatic promotions (no code) that are active and not over at `now` (some may not have started yet). */
export const automaticNotOver = (db: Executor, now: Date) =>
  db
    .select()
    .from(promotions)
    .where(and(isNull(promotions.code), eq(promotions.active, true), or(isNull(promotions.endsAt), gt(promotions.endsAt, now))))
    .orderBy(promotions.id)

/** Uses so far per promotion for one customer key. */
export const customerUses = async (db: Executor, promotionIds: readonly string[], customerKey: string): Promise<Map<string, number>> => {
  if (promotionIds.length === 0) return new Map()
  const rows = await db
    .select({ id: customerUsage.promotionId, used: customerUsage.used })
    .from(customerUsage)
    .where(and(eq(customerUsage.customerKey, customerKey), inArray(customerUsage.promotionId, [...promotionIds])))
  return new Map(rows.map((r) => [r.id, r.used]))
}
