import { describe, expect, test } from 'vitest'
import { renderTemplate } from './templates.ts'

const brand = { storeName: 'Crest & Co', baseUrl: 'https://shop.example/', locale: 'en-IE' }
const EVIL = `<script>alert("x")</script>`
const TOKEN = 'crst_AbC-d_0123456789012345678901234567890123456'

describe.each(['account_verify_email', 'account_password_reset', 'account_locked'] as const)('%s', (name) => {
  const data = { customerName: EVIL, actionPath: `/account/reset-password?token=${TOKEN}`, expiresInMinutes: 60 }

  test('links the store page with its token, escapes the name, says it is about the account', () => {
    const r = renderTemplate(name, data, brand)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const m = r.value.rendered
    expect(m.html).toContain(`href="https://shop.example/account/reset-password?token=${TOKEN}"`)
    expect(m.text).toContain(`https://shop.example/account/reset-password?token=${TOKEN}`)
    expect(m.html).not.toContain('<script')
    expect(m.html).toContain('Hi &lt;script&gt;')
    expect(m.text).toContain('about your account at Crest & Co')
    expect(m.subject).not.toMatch(/[\r\n]/)
  })

  test('refuses a link that would leave the store or the account pages', () => {
    for (const actionPath of ['//evil.example/account/x', 'https://evil.example/', '/orders/1', '/account/x?token=<b>', 'account/x'])
      expect(renderTemplate(name, { ...data, actionPath }, brand)).toMatchObject({ ok: false, error: { field: 'data.actionPath' } })
  })
})

test('the verification e-mail says how long its link works', () => {
  const r = renderTemplate('account_verify_email', { actionPath: '/account/verify-email?token=x', expiresInMinutes: 2880 }, brand)
  expect(r.ok && r.value.rendered.text).toContain('works for 48 hours, once')
})
