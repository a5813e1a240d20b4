import { err, ok } from '../../../platform/result.ts'
import type { PromotionsApi } from '../contract.ts'
import type { PromotionsContext } from '../deps.ts'
import { draftOf, mergePatch, validatePromotion } from '../domain/validate-promotion.ts'
import { toDraft, toPromotion } from '../store/promotion-rows.ts'
import { insertPromotion, listPromotionRows, lockPromotion, promotionRow, updatePromotionRow } from '../store/promotion-sql.ts'

export const createPromotion =
  (d: PromotionsContext): PromotionsApi['createPromotion'] =>
  async (input) => {
    const valid = validatePromotion(draftOf(input))
    if (!valid.ok) return valid
    const row = await insertPromotion(d.db.orm, d.newId('promo'), valid.value, d.clock.now())
    if (!row) {
      const code = valid.value.code ?? ''
      return err({ code: 'PROMOTIONS_CODE_TAKEN', message: `The code "${code}" is already used by another promotion.`, promo_code: code })
    }
    d.forgetAutomatic()
    return ok(toPromotion(row))
  }

export const listPromotions =
  (d: PromotionsContext): PromotionsApi['listPromotions'] =>
  async ({ limit, cursor, q, active }) => {
    const rows = await listPromotionRows(d.db.orm, {
      limit: limit + 1,
      ...(cursor && { before: cursor }),
      ...(q && { q }),
      ...(active !== undefined && { active }),
    })
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return { promotions: page.map(toPromotion), next_cursor: rows.length > limit && last ? last.id : null }
  }

export const getPromotion =
  (d: PromotionsContext): PromotionsApi['getPromotion'] =>
  async (id) => {
    const row = await promotionRow(d.db.orm, id)
    return row ? ok(toPromotion(row)) : err({ code: 'PROMOTIONS_NOT_FOUND' as const, message: `No promotion "${id}".` })
  }

/** Locks the row, checks the merged settings against it, writes them: all in one transaction. */
export const updatePromotion =
  (d: PromotionsContext): PromotionsApi['updatePromotion'] =>
  (id, patch) =>
    d.db.orm.transaction(async (tx) => {
      const current = await lockPromotion(tx, id)
      if (!current) return err({ code: 'PROMOTIONS_NOT_FOUND' as const, message: `No promotion "${id}".` })
      const valid = validatePromotion(mergePatch(toDraft(current), patch))
      if (!valid.ok) return valid
      const limit = valid.value.usageLimit
      if (limit !== null && limit < current.timesUsed) {
        return err({
          code: 'PROMOTIONS_INVALID_INPUT' as const,
          field: 'usage_limit',
          message: `The promotion has already been used ${current.timesUsed} times; the limit cannot be lower.`,
        })
      }
      const row = await updatePromotionRow(tx, id, valid.value)
      d.forgetAutomatic()
      return row ? ok(toPromotion(row)) : err({ code: 'PROMOTIONS_NOT_FOUND' as const, message: `No promotion "${id}".` })
    })
