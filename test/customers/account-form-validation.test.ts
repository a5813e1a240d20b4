import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { TestApp } from '../support/start-app.ts'
import { snapshotTables } from '../support/table-snapshot.ts'
import { engineKinds } from '../support/test-database.ts'
import { startCustomersApp, tokenFromEmail } from './customers-app.ts'

/**
 * Every form post of the account pages is read through its zod schema (src/web/account/forms.ts):
 * a malformed post gets the page back with a 4xx and the message next to the field it concerns
 * (or above the form), never a 5xx, and writes nothing.
 */
const ORIGIN = { origin: 'http://localhost' }
const FORM = { 'content-type': 'application/x-www-form-urlencoded', ...ORIGIN }

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
    post: async (url: string, form: Record<string, string>) => {
      const r = await t.app.inject({ method: 'POST', url, headers: { ...FORM, cookie }, payload: new URLSearchParams(form).toString() })
      keep(r.headers['set-cookie'])
      return r
    },
    /** a JSON body to a form route: arrays and objects where text belongs */
    postJson: async (url: string, body: unknown) => {
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...ORIGIN, cookie },
        payload: JSON.stringify(body),
      })
      keep(r.headers['set-cookie'])
      return r
    },
  }
}

const csrfIn = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? ''
/** The message shown under the input with that id. */
const fieldError = (page: string, id: string) => new RegExp(`id="${id}-error">([^<]*)<`).exec(page)?.[1]
/** The message shown above the form. */
const alertText = (page: string) => /<div class="alert" role="alert"><p>([^<]*)<\/p>/.exec(page)?.[1]

describe.each(engineKinds())('account form posts are validated by their schemas on %s', (engine) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startCustomersApp(engine)
  })
  afterAll(async () => {
    await t?.close()
  })

  /** the account-related data: accounts, sessions, tokens, addresses, privacy log, and the e-mail outbox */
  const data = async () => {
    const all = await snapshotTables(
      async (q) => (await t.engines.db.orm.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] },
    )
    return [...all].filter(([name]) => name.startsWith('customers.') || name === 'notifications.emails')
  }

  test('sign-in, sign-up, forgotten password, reset and verification: 4xx with the field message, nothing written', async () => {
    const b = browser(t)
    const before = await data()
    const cases: { url: string; form: Record<string, string>; status: number; where: string; text: RegExp }[] = [
      {
        url: '/account/sign-in',
        form: { email: 'not-an-address', password: 'whatever it is' },
        status: 422,
        where: 'si-email',
        text: /^Enter a valid e-mail address\.$/,
      },
      {
        url: '/account/sign-in',
        form: { email: 'someone@example.test' },
        status: 422,
        where: 'si-password',
        text: /^Enter your password\.$/,
      },
      {
        url: '/account/sign-in',
        form: { email: `${'x'.repeat(300)}@example.test`, password: 'p' },
        status: 422,
        where: 'si-email',
        text: /valid e-mail/,
      },
      {
        url: '/account/sign-up',
        form: { email: 'new@example.test', password: 'short' },
        status: 422,
        where: 'su-password',
        text: /^Use a password of 10 to 256 characters\.$/,
      },
      {
        url: '/account/sign-up',
        form: { email: 'new@example.test', password: 'p'.repeat(300) },
        status: 422,
        where: 'su-password',
        text: /10 to 256/,
      },
      {
        url: '/account/sign-up',
        form: { name: 'n'.repeat(201), email: 'new@example.test', password: 'correct horse battery' },
        status: 422,
        where: 'su-name',
        text: /^A name of at most 200 characters/,
      },
      {
        url: '/account/sign-up',
        form: { name: 'Two\nlines', email: 'new@example.test', password: 'correct horse battery' },
        status: 422,
        where: 'su-name',
        text: /^One line of text, please\.$/,
      },
      { url: '/account/sign-up', form: { password: 'correct horse battery' }, status: 422, where: 'su-email', text: /valid e-mail/ },
      {
        url: '/account/forgot-password',
        form: { email: 'nobody' },
        status: 422,
        where: 'fp-email',
        text: /^Enter a valid e-mail address\.$/,
      },
      {
        url: '/account/reset-password',
        form: { token: 'x'.repeat(40), password: 'short' },
        status: 422,
        where: 'rp-password',
        text: /10 to 256/,
      },
    ]
    for (const c of cases) {
      const r = await b.post(c.url, c.form)
      expect(r.statusCode, `${c.url} ${JSON.stringify(c.form).slice(0, 80)}`).toBe(c.status)
      expect(fieldError(r.body, c.where), `${c.url} ${c.where}`).toMatch(c.text)
      expect(r.body).toContain(`aria-describedby="${c.where}-error"`)
    }
    // the typed e-mail comes back in the form, escaped
    const back = await b.post('/account/sign-up', { email: '"><b>x@example.test', password: 'short' })
    expect(back.statusCode).toBe(422)
    expect(back.body).toContain('value="&quot;&gt;&lt;b&gt;x@example.test"')
    // tokens travel hidden: their message goes above the form
    const badReset = await b.post('/account/reset-password', { token: 'not a token!', password: 'correct horse battery' })
    expect(badReset.statusCode).toBe(400)
    expect(alertText(badReset.body)).toMatch(/^This link is not valid/)
    const badVerify = await b.post('/account/verify-email', { token: '<script>' })
    expect(badVerify.statusCode).toBe(400)
    expect(alertText(badVerify.body)).toMatch(/^This link is not valid/)
    // JSON bodies with arrays and objects where text belongs: the same 4xx page, never a 5xx
    for (const [url, body, where] of [
      ['/account/sign-in', { email: ['a@example.test', 'b@example.test'], password: 'x' }, 'si-email'],
      ['/account/sign-up', { email: 'new@example.test', password: { $gt: '' } }, 'su-password'],
      ['/account/forgot-password', { email: 42 }, 'fp-email'],
    ] as const) {
      const r = await b.postJson(url, body)
      expect(r.statusCode, url).toBe(422)
      expect(fieldError(r.body, where), url).toBeTruthy()
    }
    expect((await b.postJson('/account/verify-email', [1, 2])).statusCode).toBe(400)
    expect(await data()).toEqual(before)
  })

  test('addresses, address deletion and erasure: 4xx with the field message, nothing written', async () => {
    const b = browser(t)
    expect((await b.post('/account/sign-up', { email: 'forms@example.test', password: 'correct horse battery' })).statusCode).toBe(303)
    await b.post('/account/verify-email', { token: await tokenFromEmail(t.engines.db, 'forms@example.test', 'account_verify_email') })
    const csrf = csrfIn((await b.get('/account')).body)
    expect(
      (
        await b.post('/account/addresses', {
          _csrf: csrf,
          name: 'Kept',
          line1: 'Storgata 1',
          city: 'Oslo',
          postal_code: '0155',
          country: 'NO',
        })
      ).statusCode,
    ).toBe(303)
    const before = await data()

    const bad = await b.post('/account/addresses', {
      _csrf: csrf,
      name: '',
      line1: 'l'.repeat(201),
      city: 'Oslo\u0007',
      postal_code: '0155',
      country: 'Norway',
      phone: 'call me maybe',
    })
    expect(bad.statusCode).toBe(422)
    expect(fieldError(bad.body, 'ad-name')).toBe('Please fill this in.')
    expect(fieldError(bad.body, 'ad-line1')).toBe('At most 200 characters.')
    expect(fieldError(bad.body, 'ad-city')).toBe('One line of text, please.')
    expect(fieldError(bad.body, 'ad-country')).toBe('Two letters, e.g. NO.')
    expect(fieldError(bad.body, 'ad-phone')).toBe('Digits, spaces and + ( ) . - only.')
    expect(fieldError(bad.body, 'ad-postal')).toBeUndefined()
    const json = await b.postJson('/account/addresses', {
      _csrf: csrf,
      name: ['a'],
      line1: { x: 1 },
      city: 'Oslo',
      postal_code: '1',
      country: 'NO',
    })
    expect(json.statusCode).toBe(422)
    expect(fieldError(json.body, 'ad-name')).toBeTruthy()
    expect(fieldError(json.body, 'ad-line1')).toBeTruthy()

    const badId = await b.post('/account/addresses/not%20an%20id!/delete', { _csrf: csrf })
    expect(badId.statusCode).toBe(404)
    expect(alertText(badId.body)).toBe('That address is not in your account.')

    const erase = await b.post('/account/erase', { _csrf: csrf })
    expect(erase.statusCode).toBe(422)
    expect(fieldError(erase.body, 'er-password')).toBe('Enter your password.')
    const eraseLong = await b.post('/account/erase', { _csrf: csrf, password: 'p'.repeat(2000) })
    expect(eraseLong.statusCode).toBe(422)
    expect(fieldError(eraseLong.body, 'er-password')).toBe('That password is not right.')

    expect(await data()).toEqual(before)
    expect((await b.get('/account')).body).toContain('Kept, Storgata 1, 0155 Oslo, NO')
  })
})
