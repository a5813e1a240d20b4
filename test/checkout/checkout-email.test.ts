import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { address, cartWith, firstVariant, post, shopWithSandbox, stockExactly } from './shop.ts'

/**
 * The address given at checkout is what an abandoned-cart reminder writes to: the cart keeps it
 * whether the checkout placed an order (remembered by the claim's own write) or stopped before.
 */
describe.each(engineKinds())('%s: the e-mail given at checkout stays with the cart', (engine) => {
  let t: TestApp
  let variantId: string
  let close = async () => {}
  beforeAll(async () => {
    ;({ t, close } = await shopWithSandbox(engine))
    variantId = await firstVariant(t)
  }, 120_000)
  afterAll(() => close())
  const cartRow = async (id: string) =>
    (
      await queryRows<{ email: string | null; status: string }>(
        t.engines.db.orm,
        sql`select email, status from cart.carts where id = ${id}`,
      )
    )[0]
  const checkout = (c: { cartId: string; shippingOptionId: string }, email: string, token = 'tok_ok') =>
    post(`${t.url}/store/carts/${c.cartId}/checkout`, {
      email,
      shipping_address: address,
      shipping_option_id: c.shippingOptionId,
      payment: { provider: 'sandbox', token },
    })

  test('placed, declined and out of stock: each cart remembers the address, in lower case', async () => {
    await stockExactly(t, variantId, 5)
    const placed = await cartWith(t, variantId)
    expect((await checkout(placed, ' Ada@Example.TEST ')).status).toBe(201)
    expect(await cartRow(placed.cartId)).toEqual({ email: 'ada@example.test', status: 'completed' })

    const declined = await cartWith(t, variantId)
    expect((await checkout(declined, 'bo@example.test', 'tok_declined')).status).toBe(402)
    expect(await cartRow(declined.cartId)).toEqual({ email: 'bo@example.test', status: 'active' })

    const tooMany = await cartWith(t, variantId, 2)
    await stockExactly(t, variantId, 1)
    expect((await checkout(tooMany, 'cy@example.test')).status).toBe(409)
    expect(await cartRow(tooMany.cartId)).toEqual({ email: 'cy@example.test', status: 'active' })
  })
})
