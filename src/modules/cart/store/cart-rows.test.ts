import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, engineKinds } from '../../../../test/support/test-database.ts'
import type { Database } from '../../../platform/db/database.ts'
import { addToLine, readCart } from './cart-rows.ts'

const engines = new Map<string, Database>()
beforeAll(async () => {
  for (const kind of engineKinds()) engines.set(kind, await createTestDatabase(kind))
})
afterAll(async () => {
  for (const db of engines.values()) await db.close()
})

const longAgo = new Date('2026-01-01T00:00:00.000Z')

describe.each(engineKinds())('adding to a cart line on %s', (kind) => {
  const db = () => engines.get(kind) as Database

  test('creates or grows the line and marks the cart changed in the same statement; past the limit nothing is written', async () => {
    const cartId = `cart_${kind}_lines`
    await db().orm.execute(
      sql`insert into cart.carts (id, currency, created_at, updated_at) values (${cartId}, 'EUR', ${longAgo.toISOString()}::timestamptz, ${longAgo.toISOString()}::timestamptz)`,
    )
    const first = await addToLine(db().orm, { id: 'item_a', cartId, variantId: 'var_1', quantity: 2, unitPrice: 1500 }, 5)
    expect(first?.line).toMatchObject({ id: 'item_a', cartId, variantId: 'var_1', quantity: 2, unitPrice: 1500 })
    expect(first?.line.createdAt).toBeInstanceOf(Date)
    expect(first?.cartUpdatedAt?.getTime()).toBeGreaterThan(longAgo.getTime())

    // the same variant again: the line grows (at the new price), it keeps its id
    const grown = await addToLine(db().orm, { id: 'item_b', cartId, variantId: 'var_1', quantity: 3, unitPrice: 1400 }, 5)
    expect(grown?.line).toMatchObject({ id: 'item_a', quantity: 5, unitPrice: 1400 })

    // past the limit: no line change and no touch
    await db().orm.execute(sql`update cart.carts set updated_at = ${longAgo.toISOString()}::timestamptz where id = ${cartId}`)
    expect(await addToLine(db().orm, { id: 'item_c', cartId, variantId: 'var_1', quantity: 1, unitPrice: 1300 }, 5)).toBeNull()
    const after = await readCart(db().orm, cartId)
    expect(after?.items.map((i) => [i.id, i.quantity, i.unitPrice])).toEqual([['item_a', 5, 1400]])
    expect(after?.cart.updatedAt.toISOString()).toBe(longAgo.toISOString())
  })
})
