import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { wireAbandonedCarts } from '../../src/wire-abandoned-carts.ts'
import { checkout, firstVariant, post } from '../checkout/shop.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

const HOUR = 3_600_000

describe.each(engineKinds())('abandoned carts (%s)', (engine) => {
  let t: TestApp
  let payments: Awaited<ReturnType<typeof startSandboxPayments>>
  let variant: string
  /** the job's clock: real time plus `ahead` ms, so an hour of idling takes no time */
  let ahead = 0
  const clock = { now: () => new Date(Date.now() + ahead) }
  const job = (queue?: typeof t.modules.notifications.enqueue) =>
    wireAbandonedCarts(t.config, {
      db: t.engines.db,
      clock,
      catalog: t.modules.catalog,
      customers: t.modules.customers,
      notifications: queue ? { ...t.modules.notifications, enqueue: queue } : t.modules.notifications,
    })

  beforeAll(async () => {
    payments = await startSandboxPayments({ port: 0 })
    t = await startTestApp({
      engine,
      seedProducts: 3,
      env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${payments.url}`, ABANDONED_CART_AFTER_MINUTES: '60' },
    })
    variant = await firstVariant(t)
  }, 60_000)
  afterAll(async () => {
    await t?.close()
    await payments?.close()
  })

  const newCart = async (items = 1) => {
    const cart = (await post(`${t.url}/store/carts`, {})).body.cart
    if (items) expect((await post(`${t.url}/store/carts/${cart.id}/items`, { variant_id: variant, quantity: items })).status).toBe(200)
    return cart.id as string
  }
  /** the shopper reaches checkout and gives an address, then leaves (the quote is what checkout runs first) */
  const giveEmail = async (cartId: string, email: string) => {
    const options = await (await fetch(`${t.url}/store/carts/${cartId}/shipping-options?country=NO`)).json()
    await t.modules.cart.quote(cartId, { country: 'NO', shippingOptionId: options.shipping_options[0].id, email })
    return options.shipping_options[0].id as string
  }
  const reminders = (cartId: string) =>
    queryRows<{ recipient: string; status: string; text_body: string }>(
      t.engines.db.orm,
      sql`select recipient, status, text_body from notifications.emails where idempotency_key = ${`cart_reminder:${cartId}`}`,
    )
  const events = (cartId: string) =>
    queryRows<{ payload: { reminded: boolean; item_count: number } }>(
      t.engines.db.orm,
      sql`select payload from platform.outbox where topic = 'cart.cart_abandoned.v1' and aggregate_id = ${cartId}`,
    )
  const markOf = async (cartId: string) =>
    (await queryRows<{ reminder: string | null }>(t.engines.db.orm, sql`select reminder from cart.carts where id = ${cartId}`))[0]?.reminder

  test('a cart with items and an address, idle past the delay, gets one reminder linking back to it, and an event', async () => {
    const cartId = await newCart(2)
    await giveEmail(cartId, 'Leaver@Example.test')
    ahead = 30 * 60_000 // idle for half an hour only
    await job().remind()
    expect(await reminders(cartId)).toEqual([])
    ahead = HOUR + 60_000
    const first = await job().remind()
    expect(first.reminded).toBeGreaterThanOrEqual(1)
    const [mail] = await reminders(cartId)
    expect(mail?.recipient).toBe('leaver@example.test')
    expect(mail?.text_body).toContain(`/cart/return/${cartId}`)
    expect(mail?.text_body).toContain('2 × ')
    expect((await events(cartId)).map((e) => e.payload)).toEqual([expect.objectContaining({ reminded: true, item_count: 2 })])
    // later runs, however many, leave it alone
    await job().remind()
    await job().remind()
    expect(await reminders(cartId)).toHaveLength(1)
    expect(await events(cartId)).toHaveLength(1)
    // the worker's sender delivers it
    await t.modules.notifications.sendDue({})
    expect((await reminders(cartId))[0]?.status).toBe('sent')
    // the link puts the cart back in a fresh browser
    const back = await fetch(`${t.url}/cart/return/${cartId}`, { redirect: 'manual' })
    expect(back.status).toBe(303)
    expect(back.headers.get('location')).toBe('/cart')
    const cookie = back.headers.get('set-cookie') ?? ''
    expect(cookie).toContain(`crest_cart=${cartId}`)
    const page = await (await fetch(`${t.url}/cart`, { headers: { cookie: cookie.split(';')[0] as string } })).text()
    expect(page).toContain('href="/checkout"')
    expect(page).not.toContain('Your cart is empty.')
    // an unknown or malformed id only shows the (empty) cart
    const bogus = await fetch(`${t.url}/cart/return/cart_nope`, { redirect: 'manual' })
    expect(bogus.status).toBe(303)
    expect(bogus.headers.get('set-cookie')).toBeNull()
  })

  test('no reminder for a converted cart, an emptied cart, or a cart nobody gave an address for', async () => {
    ahead = 0
    const converted = await newCart()
    const optionId = await giveEmail(converted, 'buyer@example.test')
    expect((await checkout(t, { cartId: converted, shippingOptionId: optionId })).status).toBe(201)
    const emptied = await newCart()
    await giveEmail(emptied, 'emptied@example.test')
    const cart = (await (await fetch(`${t.url}/store/carts/${emptied}`)).json()).cart
    expect((await fetch(`${t.url}/store/carts/${emptied}/items/${cart.items[0].id}`, { method: 'DELETE' })).status).toBe(200)
    const anonymous = await newCart()
    ahead = 2 * HOUR
    await job().remind()
    for (const id of [converted, emptied, anonymous]) {
      expect(await reminders(id)).toEqual([])
      expect(await events(id)).toEqual([])
      expect(await markOf(id)).toBeNull()
    }
  })

  test("a signed-in customer's cart is reminded at the account's address", async () => {
    const signed = await t.modules.customers.signUp({
      email: 'member@example.test',
      password: 'a long enough passphrase 1',
      name: 'Mia Member',
    })
    if (!signed.ok) throw new Error(signed.error.message)
    ahead = 0
    const created = await t.modules.cart.createCart({ customerId: signed.value.customer.id })
    if (!created.ok) throw new Error(created.error.message)
    expect((await post(`${t.url}/store/carts/${created.value.id}/items`, { variant_id: variant, quantity: 1 })).status).toBe(200)
    ahead = 2 * HOUR
    await job().remind()
    const [mail] = await reminders(created.value.id)
    expect(mail?.recipient).toBe('member@example.test')
    expect(mail?.text_body).toContain('Hi Mia Member,')
  })

  test('two job runs racing over the same carts remind each cart exactly once', async () => {
    ahead = 0
    const ids: string[] = []
    for (let i = 0; i < 6; i++) {
      const id = await newCart()
      await giveEmail(id, `race-${i}@example.test`)
      ids.push(id)
    }
    ahead = 2 * HOUR
    // two module instances, as two workers would have (each with its own job object and run)
    const [a, b] = await Promise.all([job().remind(), job().remind()])
    for (const id of ids) {
      expect(await reminders(id)).toHaveLength(1)
      expect(await events(id)).toHaveLength(1)
      expect(await markOf(id)).toBe('sent')
    }
    expect(a.reminded + b.reminded).toBe(ids.length)
    // both runs read every cart before either decided (their scans go out first), so each cart was
    // contended and one of the two lost it at the conditional write
    expect(a.lost + b.lost).toBe(ids.length)
  })

  test('a run that dies mid-way leaves the unfinished cart undecided; the next run reminds it once', async () => {
    ahead = 0
    const first = await newCart()
    await giveEmail(first, 'crash-1@example.test')
    const second = await newCart()
    await giveEmail(second, 'crash-2@example.test')
    ahead = 2 * HOUR
    let calls = 0
    const crashing: typeof t.modules.notifications.enqueue = async (input, tx) => {
      // the e-mail of the second cart is queued, then the process "dies" before its transaction commits
      const r = await t.modules.notifications.enqueue(input, tx)
      if (++calls === 2) throw new Error('killed mid-run')
      return r
    }
    await expect(job(crashing).remind()).rejects.toThrow('killed mid-run')
    const [one, two] = [await reminders(first), await reminders(second)]
    // exactly one of the two committed (the one handled first); the other has no mark, no e-mail, no event
    expect(one.length + two.length).toBe(1)
    const unfinished = one.length ? second : first
    expect(await markOf(unfinished)).toBeNull()
    expect(await events(unfinished)).toEqual([])
    await job().remind()
    expect(await reminders(first)).toHaveLength(1)
    expect(await reminders(second)).toHaveLength(1)
    expect(await events(first)).toHaveLength(1)
    expect(await events(second)).toHaveLength(1)
  })
})
