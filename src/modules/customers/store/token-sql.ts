import { and, count, eq, gt, isNull } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import { customerTokens } from '../schema.ts'

type Purpose = (typeof customerTokens.$inferSelect)['purpose']

export const insertToken = async (ex: Executor, row: typeof customerTokens.$inferInsert): Promise<void> => {
  await ex.insert(customerTokens).values(row)
}

/**
 * Uses a token at most once, whoever races for it: one conditional update that only an unused,
 * unexpired token of the right purpose passes. Answers its account and address, or null.
 */
export const consumeToken = async (ex: Executor, tokenHash: string, purpose: Purpose, now: Date) => {
  const [r] = await ex
    .update(customerTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(customerTokens.tokenHash, tokenHash),
        eq(customerTokens.purpose, purpose),
        isNull(customerTokens.usedAt),
        gt(customerTokens.expiresAt, now),
      ),
    )
    .returning({ customerId: customerTokens.customerId, email: customerTokens.email })
  return r ?? null
}

/** Tokens of a purpose issued to an account since `since` (limits reset e-mails). */
export const countTokensSince = async (ex: Executor, customerId: string, purpose: Purpose, since: Date): Promise<number> => {
  const [r] = await ex
    .select({ n: count() })
    .from(customerTokens)
    .where(and(eq(customerTokens.customerId, customerId), eq(customerTokens.purpose, purpose), gt(customerTokens.createdAt, since)))
  return Number(r?.n ?? 0)
}

/** After a password reset or a verification, the other links of that kind stop working. */
export const expireTokensOf = async (ex: Executor, customerId: string, purpose: Purpose, now: Date): Promise<void> => {
  await ex
    .update(customerTokens)
    .set({ usedAt: now })
    .where(and(eq(customerTokens.customerId, customerId), eq(customerTokens.purpose, purpose), isNull(customerTokens.usedAt)))
}

export const deleteTokensOf = async (ex: Executor, customerId: string): Promise<void> => {
  await ex.delete(customerTokens).where(eq(customerTokens.customerId, customerId))
}
