import { expect, test } from 'vitest'
import { escapeHtml, html } from './escape-html.ts'

test('escapes the five characters that can open markup or leave an attribute', () => {
  expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;')
})

test('html escapes interpolated text but keeps nested html templates as markup', () => {
  const name = '<script>alert(1)</script>'
  const inner = html`<b>${name}</b>`
  expect(html`<p title="${'"x"'}">${inner} ${3} ${null}${undefined}${false}</p>`.__html).toBe(
    '<p title="&quot;x&quot;"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b> 3 </p>',
  )
})

test('arrays are joined, each element escaped on its own', () => {
  expect(html`<ul>${['<i>', html`<li>ok</li>`]}</ul>`.__html).toBe('<ul>&lt;i&gt;<li>ok</li></ul>')
})

test('an object that merely looks like text is not trusted unless it is SafeHtml', () => {
  expect(html`${'{"__html":"<b>"}'}`.__html).toBe('{&quot;__html&quot;:&quot;&lt;b&gt;&quot;}')
})
