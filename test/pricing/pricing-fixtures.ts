import type { Database } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { createPromotions, type PromotionsApi, type RedeemInput } from '../../src/modules/promotions/index.ts'

/** A clock the test moves by hand. */
export const manualClock = (start = '2025-06-01T12:00:00Z') => {
  let now = new Date(start)
  return {
    now: () => now,
    set: (iso: string) => {
      now = new Date(iso)
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms)
    },
  }
}

export const promotionsOn = (db: Database, clock = manualClock()) => ({ promotions: createPromotions({ db, clock, newId }), clock })

class Rollback extends Error {
  constructor(readonly result: Awaited<ReturnType<PromotionsApi['redeem']>>) {
    super('rolled back')
  }
}

/** What checkout does: redeem inside its own transaction, and roll the transaction back on an error. */
export const redeemInOwnTransaction = async (db: Database, promotions: PromotionsApi, input: RedeemInput) => {
  try {
    return await db.orm.transaction(async (tx) => {
      const r = await promotions.redeem(tx, input)
      if (!r.ok) throw new Rollback(r)
      return r
    })
  } catch (e) {
    if (e instanceof Rollback) return e.result
    throw e
  }
}
