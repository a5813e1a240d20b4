import { err, ok } from '../../../platform/result.ts'
import type { PromotionsApi } from '../contract.ts'
import type { PromotionsContext, PromotionsDeps } from '../deps.ts'
import { customerKeyOf } from '../domain/customer-key.ts'
import { type EvaluationContext, evaluatePromotion, unknownCode } from '../domain/evaluate-promotion.ts'
import { type PromotionRow, toApplied, toRule } from '../store/promotion-rows.ts'
import { customerUses, findByCode } from '../store/promotion-sql.ts'

const usesOf = async (d: PromotionsDeps, rows: readonly PromotionRow[], email: string | undefined) => {
  const limited = rows.filter((r) => r.perCustomerLimit !== null).map((r) => r.id)
  if (!email || limited.length === 0) return new Map<string, number>()
  const uses = await customerUses(d.db.orm, limited, customerKeyOf(email))
  for (const id of limited) if (!uses.has(id)) uses.set(id, 0)
  return uses
}

/**
 * The promotion of the code (an error saying why when it cannot be used) plus every automatic
 * promotion that applies, code first. Read-only: `redeem` enforces the limits at checkout.
 */
export const findApplicable =
  (d: PromotionsContext): PromotionsApi['findApplicable'] =>
  async (input) => {
    const now = d.clock.now()
    const typed = input.code?.trim()
    const [coded, automatic] = await Promise.all([typed ? findByCode(d.db.orm, typed) : null, d.automatic()])
    if (typed && !coded) return err(unknownCode(typed))
    const candidates = coded ? [coded, ...automatic] : automatic
    const uses = await usesOf(d, candidates, input.email)
    const contextFor = (r: PromotionRow): EvaluationContext => {
      const used = uses.get(r.id)
      return { currency: input.currency, subtotal: input.subtotal, now, ...(used !== undefined && { customerUses: used }) }
    }
    if (coded) {
      const verdict = evaluatePromotion(toRule(coded), contextFor(coded))
      if (!verdict.ok) return verdict
    }
    return ok(candidates.filter((r) => r === coded || evaluatePromotion(toRule(r), contextFor(r)).ok).map(toApplied))
  }
