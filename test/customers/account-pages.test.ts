import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { queryRows } from '../../src/platform/db/database.ts'
import type { TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'
import { placeOrder, startCustomersApp, tokenFromEmail } from './customers-app.ts'

const FORM = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' }

/** A browser on the storefront's account pages: plain forms, the session cookie kept. */
const browser = (t: TestApp) => {
  let cookie = ''
  const keep = (h: unknown) => {
    const c = [h ?? []]
      .flat()
      .map(String)
      .find((x) => x.startsWith('crest_session='))
    if (c !== undefined) cookie = c.split(';')[0] ?? ''
  }
  return {
    get: async (url: string) => {
      const r = await t.app.inject({ method: 'GET', url, headers: { cookie } })
      keep(r.headers['set-cookie'])
      return r
    },
    post: async (url: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM, cookie, ...headers },
        payload: new URLSearchParams(form).toString(),
      })
      keep(r.headers['set-cookie'])
      return r
    },
  }
}

const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''

describe.each(engineKinds())('storefront account pages on %s', (engine) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine)
  })
  afterAll(async () => {
    await t?.close()
  })

  test('sign up, confirm the e-mail, add an address, see orders, export, sign out, sign in, erase', async () => {
    const b = browser(t)
    expect((await b.get('/account')).headers.location).toBe('/account/sign-in')
    const form = await b.get('/account/sign-up')
    expect(form.statusCode).toBe(200)
    expect(form.headers['cache-control']).toBe('private, no-store')
    expect(form.body).toContain('name="password"')

    const evil = '<script>alert(1)</script>'
    const up = await b.post('/account/sign-up', { name: evil, email: 'page@example.test', password: 'correct horse battery' })
    expect(up.statusCode).toBe(303)
    expect(up.headers.location).toBe('/account?welcome=1')
    let home = await b.get('/account')
    expect(home.body).toContain('page@example.test')
    expect(home.body).not.toContain(evil)
    expect(home.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(home.body).toContain('Send the link again')

    // the e-mailed link shows a button; posting it confirms
    const token = await tokenFromEmail(t.engines.db, 'page@example.test', 'account_verify_email')
    const verifyPage = await b.get(`/account/verify-email?token=${token}`)
    expect(verifyPage.body).toContain(`value="${token}"`)
    expect(verifyPage.headers['referrer-policy']).toBe('same-origin')
    expect((await b.post('/account/verify-email', { token })).headers.location).toBe('/account?verified=1')

    home = await b.get('/account')
    const csrf = csrfIn(home.body)
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/)
    // a form without the session's token, or from another site, changes nothing
    expect((await b.post('/account/addresses', { name: 'X', line1: 'Y', city: 'Z', postal_code: '1', country: 'NO' })).statusCode).toBe(403)
    expect(
      (
        await b.post(
          '/account/addresses',
          { _csrf: csrf, name: 'X', line1: 'Y', city: 'Z', postal_code: '1', country: 'NO' },
          { origin: 'https://evil.example' },
        )
      ).statusCode,
    ).toBe(403)
    const bad = await b.post('/account/addresses', { _csrf: csrf, name: '', line1: 'Y', city: 'Z', postal_code: '1', country: 'Norway' })
    expect(bad.statusCode).toBe(422)
    expect(bad.body).toContain('Two letters')
    expect(
      (
        await b.post('/account/addresses', {
          _csrf: csrf,
          name: 'Page Person',
          line1: 'Storgata 1',
          city: 'Oslo',
          postal_code: '0155',
          country: 'no',
        })
      ).statusCode,
    ).toBe(303)
    home = await b.get('/account')
    expect(home.body).toContain('Page Person, Storgata 1, 0155 Oslo, NO')

    const order = await placeOrder(t, { email: 'page@example.test', customerId: await idOf(t, 'page@example.test') })
    home = await b.get('/account')
    expect(home.body).toContain(`href="/orders/${order.id}"`)

    const exported = await b.post('/account/data-export', { _csrf: csrf })
    expect(exported.statusCode).toBe(200)
    expect(exported.headers['content-disposition']).toContain('attachment')
    expect(JSON.parse(exported.body).customer.email).toBe('page@example.test')

    expect((await b.post('/account/sign-out', { _csrf: csrf })).headers.location).toBe('/')
    expect((await b.get('/account')).headers.location).toBe('/account/sign-in')
    const wrong = await b.post('/account/sign-in', { email: 'page@example.test', password: 'wrong password!' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.body).toContain('E-mail or password is wrong.')
    expect((await b.post('/account/sign-in', { email: 'page@example.test', password: 'correct horse battery' })).headers.location).toBe(
      '/account',
    )

    const csrf2 = csrfIn((await b.get('/account')).body)
    expect(csrf2).not.toBe(csrf) // a new session, a new token
    expect((await b.post('/account/erase', { _csrf: csrf2, password: 'correct horse battery' })).statusCode).toBe(409) // the order is open
    await t.modules.orders.transitionMany({ orderId: order.id, changes: [{ field: 'status', to: 'canceled' }] })
    const gone = await b.post('/account/erase', { _csrf: csrf2, password: 'correct horse battery' })
    expect(gone.statusCode).toBe(200)
    expect(gone.body).toContain('Your account is erased')
    expect((await b.get('/account')).headers.location).toBe('/account/sign-in')
  })

  test('forgotten password: the same answer for any address, then a reset by the e-mailed link', async () => {
    const b = browser(t)
    await b.post('/account/sign-up', { email: 'forgot@example.test', password: 'correct horse battery' })
    const known = await b.post('/account/forgot-password', { email: 'forgot@example.test' })
    const unknown = await b.post('/account/forgot-password', { email: 'nobody@example.test' })
    expect(known.statusCode).toBe(200)
    expect(unknown.body).toContain('If an account uses that address')
    expect(known.body).toContain('If an account uses that address')
    const token = await tokenFromEmail(t.engines.db, 'forgot@example.test', 'account_password_reset')
    expect((await b.get(`/account/reset-password?token=${token}`)).body).toContain(`value="${token}"`)
    expect((await b.post('/account/reset-password', { token, password: 'short' })).statusCode).toBe(422)
    expect((await b.post('/account/reset-password', { token, password: 'a new long secret' })).headers.location).toBe(
      '/account/sign-in?reset=1',
    )
    expect((await b.post('/account/reset-password', { token, password: 'another long secret' })).statusCode).toBe(400)
    expect((await b.post('/account/sign-in', { email: 'forgot@example.test', password: 'a new long secret' })).headers.location).toBe(
      '/account',
    )
  })
})

const idOf = async (t: TestApp, email: string): Promise<string> => {
  const [row] = await queryRows<{ id: string }>(t.engines.db.orm, sql`select id from customers.accounts where email = ${email}`)
  if (!row) throw new Error(`no account ${email}`)
  return row.id
}
