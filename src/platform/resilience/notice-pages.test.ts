import { expect, test } from 'vitest'
import { DEGRADED_NOTICE, maintenancePage, withNotice } from './notice-pages.ts'

test('puts the notice right after the body tag, or first when there is none', () => {
  expect(withNotice('<html><body class="x"><h1>Shop</h1></body></html>')).toBe(
    `<html><body class="x">${DEGRADED_NOTICE}<h1>Shop</h1></body></html>`,
  )
  expect(withNotice('<p>bare</p>')).toBe(`${DEGRADED_NOTICE}<p>bare</p>`)
})

test('the maintenance page escapes the message staff typed', () => {
  const html = maintenancePage('Crest <Demo>', '<script>alert(1)</script> back at 10')
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; back at 10')
  expect(html).toContain('Crest &lt;Demo&gt;')
  expect(html).not.toContain('<script>')
})
