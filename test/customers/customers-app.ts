import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/platform/db/database.ts'
import type { Database } from '../../src/platform/db/database.ts'
import type { NewOrder, Order } from '../../src/modules/orders/index.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { startTestApp, type TestApp, type TestAppOptions } from '../support/start-app.ts'
import type { EngineKind } from '../support/test-database.ts'

export const startCustomersApp = async (engine: EngineKind, o: Omit<TestAppOptions, 'engine'> = {}): Promise<TestApp> => {
  return startTestApp({ listen: false, ...o, engine })
}

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers loosely, as r.json() does
export type Reply = { status: number; body: any; headers: Record<string, unknown>; cookie: string | undefined }

/** A browser-like client of the app: keeps the session cookie and the CSRF token. */
export const shopper = (t: TestApp, ip = '203.0.113.7') => {
  let cookie: string | undefined
  let csrf: string | undefined
  const send = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> => {
    const r = await t.app.inject({
      method,
      url,
      headers: {
        'x-forwarded-for': ip,
        ...(cookie && { cookie: `crest_session=${cookie}` }),
        ...(csrf && method !== 'GET' && { 'x-csrf-token': csrf }),
        ...(payload !== undefined && typeof payload !== 'string' && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(payload !== undefined && { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    })
    const setCookie = [r.headers['set-cookie'] ?? []].flat().find((c) => String(c).startsWith('crest_session='))
    if (setCookie !== undefined) cookie = String(setCookie).split(';')[0]?.split('=')[1] || undefined
    let body: Reply['body'] = r.body
    try {
      body = r.body ? JSON.parse(r.body) : null
    } catch {}
    if (body && typeof body === 'object' && typeof body.csrf_token === 'string') csrf = body.csrf_token
    return { status: r.statusCode, body, headers: r.headers, cookie: setCookie === undefined ? undefined : String(setCookie) }
  }
  return {
    send,
    get: (url: string, headers?: Record<string, string>) => send('GET', url, undefined, headers),
    post: (url: string, payload?: unknown, headers?: Record<string, string>) => send('POST', url, payload ?? {}, headers),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
    del: (url: string) => send('DELETE', url),
    signUp: (email: string, password = 'correct horse battery', name?: string) =>
      send('POST', '/store/customers', { email, password, ...(name !== undefined && { name }) }),
    login: (email: string, password = 'correct horse battery') => send('POST', '/store/auth/login', { email, password }),
    get cookie() {
      return cookie
    },
    get csrf() {
      return csrf
    },
    forget: () => {
      cookie = undefined
      csrf = undefined
    },
  }
}

/** The token in the newest e-mail of a template to an address (read from the notifications outbox). */
export const tokenFromEmail = async (db: Database, to: string, template: string): Promise<string> => {
  const rows = await queryRows<{ data: { actionPath: string } }>(
    db.orm,
    sql`select data from notifications.emails where recipient = ${to} and template = ${template} order by created_at desc, id desc limit 1`,
  )
  const path = rows[0]?.data.actionPath
  if (!path) throw new Error(`no ${template} e-mail to ${to}`)
  return new URL(path, 'http://x').searchParams.get('token') as string
}

export const emailsTo = (db: Database, to: string, template: string) =>
  queryRows<{ id: string }>(db.orm, sql`select id from notifications.emails where recipient = ${to} and template = ${template}`)

export const newOrder = (o: Partial<NewOrder> = {}): NewOrder => ({
  id: newId('ord'),
  cartId: newId('cart'),
  email: 'shopper@example.test',
  customerId: null,
  currency: 'EUR',
  items: [
    { variantId: 'var_lantern_s', sku: 'LANTERN-S', title: 'Lantern, small', quantity: 2, unitPrice: 1999 },
    { variantId: 'var_mug', sku: 'MUG-1', title: 'Enamel mug', quantity: 1, unitPrice: 850 },
  ],
  totals: { subtotal: 4848, discountTotal: 0, shippingTotal: 490, taxTotal: 1212, total: 5338 },
  shippingAddress: {
    name: 'Kari Nordmann',
    line1: 'Storgata 1',
    line2: 'H0101',
    city: 'Oslo',
    region: 'Oslo',
    postal_code: '0155',
    country: 'NO',
    phone: '+47 22 00 00 00',
  },
  shippingOption: { id: 'ship_std', name: 'Standard', amount: { amount: 490, currency: 'EUR' } },
  discounts: [],
  paymentProvider: 'sandbox',
  ...o,
})

/** An order created through the orders module's contract (as checkout does), committed. */
export const placeOrder = async (t: TestApp, o: Partial<NewOrder> = {}): Promise<Order> =>
  (await t.engines.db.orm.transaction((tx) => t.modules.orders.createOrder(tx, newOrder(o)))).order

/** Moves an order to a finished state: placed and shipped, or canceled. */
export const finish = async (t: TestApp, orderId: string, how: 'shipped' | 'canceled'): Promise<void> => {
  const changes =
    how === 'canceled'
      ? [{ field: 'status' as const, to: 'canceled' }]
      : [
          { field: 'payment_status' as const, to: 'authorized' },
          { field: 'status' as const, to: 'placed' },
          { field: 'fulfillment_status' as const, to: 'fulfilled' },
        ]
  const r = await t.modules.orders.transitionMany({ orderId, changes })
  if (!r.ok) throw new Error(r.error.message)
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
