import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ERASED_EMAIL, ERASED_TEXT, type Order } from '../../src/modules/orders/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { finish, placeOrder, shopper, startCustomersApp, tokenFromEmail } from './customers-app.ts'

const EMAIL = 'grace.hopper@example.test'
const HOME = {
  name: 'Grace Hopper',
  line1: '1 Navy Yard',
  line2: 'Flat 3',
  city: 'Arlington',
  region: 'VA',
  postal_code: '22202',
  country: 'US',
  phone: '+1 703 555 0100',
}
const WORK = { name: 'G. Hopper', line1: 'Harvard Mark I', city: 'Cambridge', postal_code: '02138', country: 'US' }

/** Everything in an order that is not personal: it must survive erasure unchanged. */
const figures = (o: Order) => ({
  id: o.id,
  number: o.number,
  status: o.status,
  payment_status: o.payment_status,
  fulfillment_status: o.fulfillment_status,
  currency: o.currency,
  items: o.items,
  subtotal: o.subtotal,
  discount_total: o.discount_total,
  shipping_total: o.shipping_total,
  tax_total: o.tax_total,
  total: o.total,
  shipping_option: o.shipping_option,
  discounts: o.discounts,
  payment_provider: o.payment_provider,
  created_at: o.created_at,
  country: o.shipping_address.country,
})

const table = (t: TestApp, name: string, customerId: string) =>
  queryRows<Record<string, unknown>>(
    t.engines.db.orm,
    sql`select * from ${sql.identifier('customers')}.${sql.identifier(name)} where customer_id = ${customerId}`,
  )

describe.each(engineKinds())('export and erasure on %s', (engine) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine)
  })
  afterAll(async () => {
    await t?.close()
  })

  test('export and erasure verified field by field (issue 7 acceptance 4)', async () => {
    const orders = t.modules.orders
    // a guest order placed before the account existed, with another spelling of the address
    const guest = await placeOrder(t, { email: 'Grace.Hopper@Example.test', shippingAddress: { ...HOME } })
    const s = shopper(t)
    const up = await s.signUp(EMAIL, 'correct horse battery', 'Grace Hopper')
    const customerId = up.body.customer.id as string
    expect((await s.get('/store/customers/me/orders')).body.orders).toEqual([]) // not before the address is verified
    await s.post('/store/customers/verify-email', { token: await tokenFromEmail(t.engines.db, EMAIL, 'account_verify_email') })
    const own = await placeOrder(t, {
      email: EMAIL,
      customerId,
      shippingAddress: { ...WORK },
      discounts: [{ code: 'WELCOME', name: 'Welcome', amount: { amount: 500, currency: 'EUR' } }],
    })
    const stranger = await placeOrder(t, { email: 'someone.else@example.test', shippingAddress: { ...HOME, name: 'Someone Else' } })
    const listed = (await s.get('/store/customers/me/orders')).body.orders.map((o: Order) => o.id)
    expect(listed.sort()).toEqual([guest.id, own.id].sort())
    for (const a of [HOME, WORK]) expect((await s.post('/store/customers/me/addresses', a)).status).toBe(201)

    // ---- export: every personal field equals what is stored
    const exported = await s.post('/store/customers/me/data-export')
    expect(exported.status).toBe(200)
    expect(String(exported.headers['content-disposition'])).toContain('attachment')
    const data = exported.body
    const [account] = await queryRows<Record<string, string>>(
      t.engines.db.orm,
      sql`select * from customers.accounts where id = ${customerId}`,
    )
    expect(data.customer).toEqual({
      id: account?.id,
      email: account?.email,
      name: account?.name,
      email_verified: true,
      email_verified_at: new Date(account?.email_verified_at as string).toISOString(),
      created_at: new Date(account?.created_at as string).toISOString(),
      updated_at: new Date(account?.updated_at as string).toISOString(),
    })
    expect(data.customer.email).toBe(EMAIL)
    expect(data.customer.name).toBe('Grace Hopper')
    const storedAddresses = await table(t, 'addresses', customerId)
    expect(data.addresses).toHaveLength(2)
    for (const a of data.addresses) {
      const row = storedAddresses.find((r) => r.id === a.id) as Record<string, unknown>
      expect(a).toEqual({
        id: row.id,
        name: row.name,
        line1: row.line1,
        city: row.city,
        postal_code: row.postal_code,
        country: row.country,
        ...(row.line2 !== null && { line2: row.line2 }),
        ...(row.region !== null && { region: row.region }),
        ...(row.phone !== null && { phone: row.phone }),
        created_at: new Date(row.created_at as string).toISOString(),
        updated_at: new Date(row.updated_at as string).toISOString(),
      })
    }
    expect(data.addresses.map((a: { name: string }) => a.name).sort()).toEqual([HOME.name, WORK.name].sort())
    expect(data.orders.map((o: Order) => o.id).sort()).toEqual([guest.id, own.id].sort())
    for (const o of data.orders as Order[]) {
      const stored = await orders.getOrder(o.id)
      if (!stored.ok) throw new Error('order missing')
      expect(o.email).toBe(stored.value.email)
      expect(o.shipping_address).toEqual(stored.value.shipping_address)
      expect(figures(o)).toEqual(figures(stored.value))
    }
    expect(data.sessions).toHaveLength(1)
    expect(data.returns).toEqual([])
    expect(JSON.stringify(data)).not.toContain('password')

    // ---- erasure: the password again; refused while an order still has to ship
    expect((await s.post('/store/customers/me/erasure', { password: 'not my password' })).status).toBe(401)
    const refused = await s.post('/store/customers/me/erasure', { password: 'correct horse battery' })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('orders_open')
    expect(refused.body.error.details.orderIds.sort()).toEqual([guest.id, own.id].sort())
    await finish(t, guest.id, 'shipped')
    await finish(t, own.id, 'canceled')
    const before = new Map<string, Order>()
    for (const id of [guest.id, own.id, stranger.id]) {
      const r = await orders.getOrder(id)
      if (r.ok) before.set(id, r.value)
    }

    const erased = await s.post('/store/customers/me/erasure', { password: 'correct horse battery' })
    expect(erased.status).toBe(204)
    expect(String(erased.cookie)).toContain('Max-Age=0')

    // every personal field in the account and its addresses is gone
    for (const name of ['addresses', 'sessions', 'tokens']) expect(await table(t, name, customerId)).toEqual([])
    expect(await queryRows(t.engines.db.orm, sql`select 1 from customers.accounts where id = ${customerId} or email = ${EMAIL}`)).toEqual(
      [],
    )
    // in each order: personal fields anonymised, every figure unchanged
    for (const id of [guest.id, own.id]) {
      const r = await orders.getOrder(id)
      if (!r.ok) throw new Error('order missing')
      const o = r.value
      expect(o.email).toBe(ERASED_EMAIL)
      expect(o.customer_id).toBeNull()
      expect(o.shipping_address).toEqual({
        name: ERASED_TEXT,
        line1: ERASED_TEXT,
        city: ERASED_TEXT,
        postal_code: ERASED_TEXT,
        country: 'US',
      })
      expect(figures(o)).toEqual(figures(before.get(id) as Order))
      const raw = JSON.stringify(o)
      for (const personal of [
        EMAIL,
        'Grace',
        'Hopper',
        'Navy Yard',
        'Flat 3',
        'Arlington',
        'VA"',
        '22202',
        '555 0100',
        'Harvard',
        'Cambridge',
        '02138',
      ])
        expect(raw, personal).not.toContain(personal)
    }
    // someone else's order is untouched
    const other = await orders.getOrder(stranger.id)
    expect(other.ok && other.value).toEqual(before.get(stranger.id))

    // both actions are logged, without personal data
    const log = await queryRows<{ action: string; details: unknown }>(
      t.engines.db.orm,
      sql`select action, details from customers.privacy_log where customer_id = ${customerId} order by at, id`,
    )
    expect(log.map((l) => l.action)).toEqual(['export', 'erasure'])
    expect(log[1]?.details).toEqual({ addresses: 2, orders: 2 })
    expect(JSON.stringify(log)).not.toMatch(/hopper|grace/i)

    // the session is dead, the password no longer opens anything, the address can start afresh
    expect((await s.get('/store/customers/me')).status).toBe(401)
    expect((await shopper(t).login(EMAIL)).status).toBe(401)
    const again = await shopper(t).signUp(EMAIL)
    expect(again.status).toBe(201)
    expect(again.body.customer.id).not.toBe(customerId)
  })

  test("an unverified account's erasure leaves guest orders with that address alone", async () => {
    const victim = await placeOrder(t, { email: 'victim@example.test' })
    await finish(t, victim.id, 'shipped')
    const before = await t.modules.orders.getOrder(victim.id)
    const s = shopper(t)
    await s.signUp('victim@example.test') // someone else's address, never verified
    expect((await s.post('/store/customers/me/data-export')).body.orders).toEqual([])
    expect((await s.post('/store/customers/me/erasure', { password: 'correct horse battery' })).status).toBe(204)
    const after = await t.modules.orders.getOrder(victim.id)
    expect(after.ok && after.value.email).toBe('victim@example.test')
    expect(after).toEqual(before)
  })
})
