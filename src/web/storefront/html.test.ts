import { expect, test } from 'vitest'
import { escapeHtml, html, raw, safeUrl } from './html.ts'

test('escapes every interpolated value by default', () => {
  const payload = '<script>alert("x")</script>'
  expect(html`<p>${payload}</p>`.value).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>')
})

test('escapes quotes so a value cannot break out of an attribute', () => {
  const out = html`<img alt="${'" onerror="alert(1)'}" title='${"' x='1"}'>`.value
  expect(out).not.toContain('" onerror')
  expect(out).not.toContain("' x=")
  expect(out).toContain('&quot; onerror=&quot;alert(1)')
})

test('inserts SafeHtml and nested templates as is, and lists joined', () => {
  const items = ['a<b', 'c'].map((t) => html`<li>${t}</li>`)
  expect(html`<ul>${items}</ul>${raw('<hr>')}`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>')
})

test('drops null, undefined and booleans so conditionals read naturally', () => {
  const show = false
  expect(html`<p>${null}${undefined}${show && html`<b>x</b>`}${0}</p>`.value).toBe('<p>0</p>')
})

test('escapes ampersands first and backticks too', () => {
  expect(escapeHtml('&lt; `x`')).toBe('&amp;lt; &#96;x&#96;')
})

test('safeUrl keeps site paths and http(s) URLs, neutralises script URLs', () => {
  expect(safeUrl('/media/a.svg')).toBe('/media/a.svg')
  expect(safeUrl('https://cdn.example/a.png')).toBe('https://cdn.example/a.png')
  expect(safeUrl('javascript:alert(1)')).toBe('#')
  expect(safeUrl('//evil.example/x')).toBe('#')
  expect(safeUrl(' data:text/html,x')).toBe('#')
})
