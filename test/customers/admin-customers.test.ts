import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StaffRole } from '../../src/modules/staff/index.ts'
import { queryRows } from '../../src/platform/db/database.ts'
import { engineKinds } from '../support/test-database.ts'
import { type SecurityApp, startSecurityApp } from '../staff/security-app.ts'
import { newOrder } from './customers-app.ts'

/** The admin customer API (docs/customers.md, "Admin API") on the real app, behind the real guard. */
describe.each(engineKinds())('customer accounts for staff on %s', (engine) => {
  let s: SecurityApp
  const tokens = {} as Record<StaffRole, string>
  const ids: Record<string, string> = {}

  const signUp = async (email: string, name: string) => {
    const r = await s.built.modules.customers.signUp({ email, password: 'correct horse battery', name })
    if (!r.ok) throw new Error(r.error.message)
    return r.value.customer.id
  }
  const order = (customerId: string | null, email: string) =>
    s.db.orm.transaction((tx) => s.built.modules.orders.createOrder(tx, newOrder({ customerId, email })))

  beforeAll(async () => {
    s = await startSecurityApp(engine)
    for (const role of ['owner', 'admin'] as const) tokens[role] = (await s.userWithMfa(role)).token
    for (const role of ['support', 'analyst', 'fulfilment'] as const) tokens[role] = (await s.user(role)).token
    ids.ada = await signUp('ada@example.test', 'Ada Lovelace')
    ids.grace = await signUp('grace@example.test', 'Grace Hopper')
    ids.percent = await signUp('pct@example.test', 'Sure 100%_ Person')
    await order(ids.ada, 'ada@example.test')
    await order(ids.ada, 'ada@example.test')
    await order(null, 'guest@example.test')
    const added = await s.built.modules.customers.addAddress(ids.ada, {
      name: 'Ada',
      line1: 'St James Sq 12',
      city: 'London',
      postal_code: 'SW1',
      country: 'GB',
    })
    expect(added.ok).toBe(true)
  }, 120_000)
  afterAll(async () => s?.close())

  test('the list is newest first with order counts, searchable by e-mail or name, and pages by cursor', async () => {
    const all = await s.call('GET', '/admin/customers', { token: tokens.support })
    expect(all.status).toBe(200)
    expect(all.body.customers.map((c: { email: string }) => c.email)).toEqual([
      'pct@example.test',
      'grace@example.test',
      'ada@example.test',
    ])
    expect(all.body.customers[2]).toMatchObject({ id: ids.ada, name: 'Ada Lovelace', email_verified: false, order_count: 2 })
    expect(all.body.customers[1].order_count).toBe(0)
    expect(all.body.next_cursor).toBeNull()

    const byName = await s.call('GET', '/admin/customers?q=hopper', { token: tokens.support })
    expect(byName.body.customers.map((c: { id: string }) => c.id)).toEqual([ids.grace])
    const byEmail = await s.call('GET', '/admin/customers?q=ADA%40', { token: tokens.analyst })
    expect(byEmail.body.customers.map((c: { id: string }) => c.id)).toEqual([ids.ada])
    // % and _ are matched literally, not as wildcards
    const literal = await s.call('GET', `/admin/customers?q=${encodeURIComponent('100%_')}`, { token: tokens.admin })
    expect(literal.body.customers.map((c: { id: string }) => c.id)).toEqual([ids.percent])
    expect((await s.call('GET', `/admin/customers?q=${encodeURIComponent('%')}`, { token: tokens.admin })).body.customers).toHaveLength(1)

    const first = await s.call('GET', '/admin/customers?limit=2', { token: tokens.owner })
    expect(first.body.customers).toHaveLength(2)
    expect(first.body.next_cursor).toEqual(expect.stringMatching(/^cus_/))
    const second = await s.call('GET', `/admin/customers?limit=2&cursor=${first.body.next_cursor}`, { token: tokens.owner })
    expect(second.body.customers.map((c: { id: string }) => c.id)).toEqual([ids.ada])
    expect(second.body.next_cursor).toBeNull()
  })

  test('a customer’s detail has the addresses, and the orders page lists only their orders', async () => {
    const one = await s.call('GET', `/admin/customers/${ids.ada}`, { token: tokens.support })
    expect(one.status).toBe(200)
    expect(one.body.customer).toMatchObject({ id: ids.ada, email: 'ada@example.test', order_count: 2, email_verified_at: null })
    expect(one.body.addresses).toEqual([expect.objectContaining({ line1: 'St James Sq 12', city: 'London', country: 'GB' })])
    const orders = await s.call('GET', `/admin/customers/${ids.ada}/orders?limit=1`, { token: tokens.support })
    expect(orders.status).toBe(200)
    expect(orders.body.orders).toHaveLength(1)
    expect(orders.body.orders[0]).toMatchObject({ email: 'ada@example.test', id: expect.stringMatching(/^ord_/) })
    const rest = await s.call('GET', `/admin/customers/${ids.ada}/orders?cursor=${encodeURIComponent(orders.body.next_cursor)}`, {
      token: tokens.support,
    })
    expect(rest.body.orders).toHaveLength(1)
    expect(rest.body.orders[0].id).not.toBe(orders.body.orders[0].id)
    expect((await s.call('GET', `/admin/customers/${ids.grace}/orders`, { token: tokens.support })).body).toEqual({
      orders: [],
      next_cursor: null,
    })
  })

  test('unknown ids are 404 not_found; bad queries are 400 invalid_request', async () => {
    for (const path of ['/admin/customers/cus_nobody', '/admin/customers/cus_nobody/orders']) {
      const r = await s.call('GET', path, { token: tokens.support })
      expect([r.status, r.body.error.code]).toEqual([404, 'not_found'])
    }
    const ex = await s.call('POST', '/admin/customers/cus_nobody/data-export', { token: tokens.support, body: {} })
    expect([ex.status, ex.body.error.code]).toEqual([404, 'not_found'])
    for (const q of ['limit=0', 'limit=101', 'limit=x', 'cursor=ord_123', `q=${'x'.repeat(201)}`]) {
      const r = await s.call('GET', `/admin/customers?${q}`, { token: tokens.support })
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'invalid_request'])
    }
  })

  test('fulfilment staff may not read customers; the analyst may not export (403 forbidden with the permission)', async () => {
    const read = await s.call('GET', '/admin/customers', { token: tokens.fulfilment })
    expect([read.status, read.body.error.code, read.body.error.details]).toEqual([403, 'forbidden', { permission: 'customers:read' }])
    const ex = await s.call('POST', `/admin/customers/${ids.ada}/data-export`, { token: tokens.analyst, body: {} })
    expect([ex.status, ex.body.error.details]).toEqual([403, { permission: 'customers:write' }])
    expect((await s.call('GET', '/admin/customers')).status).toBe(401)
  })

  test('support exports a customer’s data as a download; the privacy log and the audit log record it without the data', async () => {
    const r = await s.call('POST', `/admin/customers/${ids.ada}/data-export`, { token: tokens.support, body: {} })
    expect(r.status).toBe(200)
    expect(r.headers['content-disposition']).toBe(`attachment; filename="customer-${ids.ada}.json"`)
    expect(r.body.customer).toMatchObject({ id: ids.ada, email: 'ada@example.test' })
    expect(r.body.orders).toHaveLength(2)
    expect(r.body.addresses).toHaveLength(1)
    const plog = await queryRows<{ action: string }>(s.db.orm, sql`select action from customers.privacy_log where customer_id = ${ids.ada}`)
    expect(plog.map((p) => p.action)).toEqual(['export'])
    const audit = await s.call('GET', '/admin/audit-log?action=POST%20%2Fadmin%2Fcustomers', { token: tokens.owner })
    const entry = audit.body.entries.find((e: { status: number }) => e.status === 200)
    expect(entry).toBeDefined()
    const stored = JSON.stringify(entry)
    expect(stored).not.toContain('ada@example.test')
    expect(stored).not.toContain('St James')
    expect(stored).toContain('"orders":2')
  })
})
