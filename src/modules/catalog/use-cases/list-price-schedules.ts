import { err, ok } from '../../../platform/result.ts'
import type { PriceSchedulesApi } from '../contract.ts'
import type { CatalogDeps } from '../deps.ts'
import { decodeScheduleCursor, encodeScheduleCursor } from '../domain/schedule-cursor.ts'
import { selectSchedules, toPriceSchedule } from '../store/price-schedule-rows.ts'
import { notFound } from './write-errors.ts'

export const listPriceSchedules =
  (d: CatalogDeps): PriceSchedulesApi['list'] =>
  async (input) => {
    const after = input.cursor === undefined ? undefined : decodeScheduleCursor(input.cursor)
    if (after === null) return err({ code: 'CATALOG_INVALID_CURSOR', message: 'The cursor is malformed.' })
    const now = d.clock.now()
    const rows = await selectSchedules(
      d.db.orm,
      {
        ...(input.variantId !== undefined && { variantId: input.variantId }),
        ...(input.productId !== undefined && { productId: input.productId }),
        ...(input.status && { status: { is: input.status, at: now } }),
        ...(after && { after }),
      },
      input.limit + 1,
    )
    const page = rows.slice(0, input.limit)
    const last = page[page.length - 1]
    return ok({
      price_schedules: page.map((r) => toPriceSchedule(r, now)),
      next_cursor: rows.length > input.limit && last ? encodeScheduleCursor({ startsAt: last.startsAt, id: last.id }) : null,
    })
  }

export const getPriceSchedule =
  (d: CatalogDeps): PriceSchedulesApi['get'] =>
  async (id) => {
    const [row] = await selectSchedules(d.db.orm, { ids: [id] }, 1)
    return row ? ok(toPriceSchedule(row, d.clock.now())) : notFound(`price schedule "${id}"`)
  }
