import { describe, expect, test } from 'vitest'
import { TEMPLATE_NAMES, type TemplateData, type TemplateName, renderTemplate } from './templates.ts'

const brand = { storeName: 'Crest & Co', baseUrl: 'https://shop.example/', locale: 'en-IE' }
const EVIL = `<script>alert("x")</script>`

const ref = { orderId: 'ord_1', orderNumber: '1042', customerName: EVIL, orderPath: '/orders/ord_1?token=otok_a&x=1' }
const returnData = {
  ...ref,
  returnId: 'ret_1',
  items: [{ title: `<img src=x onerror=alert(1)>`, quantity: 1 }],
  note: `Use <b>this</b> label`,
}

/** the order e-mails (account e-mails and the cart reminder have their own tests beside their templates) */
type OrderTemplate = Exclude<TemplateName, `account_${string}` | 'cart_reminder'>
const ORDER_TEMPLATES = TEMPLATE_NAMES.filter((n): n is OrderTemplate => !n.startsWith('account_') && n !== 'cart_reminder')

const samples: { readonly [K in OrderTemplate]: TemplateData[K] } = {
  order_confirmation: {
    ...ref,
    currency: 'EUR',
    items: [
      { title: `Lantern "small" <b>`, quantity: 2, unitPrice: 1999, total: 3998 },
      { title: 'Enamel mug', quantity: 1, unitPrice: 850, total: 850 },
    ],
    subtotal: 4848,
    discountTotal: 500,
    shippingTotal: 490,
    taxTotal: 970,
    taxIncluded: true,
    total: 4838,
    shippingAddress: { name: EVIL, line1: 'Storgata 1', city: 'Oslo', postalCode: '0155', country: 'NO' },
    shippingMethod: 'Standard',
  },
  order_shipped: {
    ...ref,
    carrier: 'Posten',
    trackingNumber: 'TRK<1>',
    trackingUrl: 'https://track.example/t?n=TRK1&lang=en',
    items: [{ title: 'Mug', quantity: 1 }],
  },
  order_delivered: ref,
  return_requested: returnData,
  return_approved: returnData,
  return_received: returnData,
  return_refused: returnData,
  refund_issued: { ...ref, amount: 123456, currency: 'EUR', note: 'Returned <items>' },
}

const render = <K extends OrderTemplate>(name: K, data: unknown = samples[name]) => {
  const r = renderTemplate(name, data, brand)
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`)
  return r.value.rendered
}

describe.each(ORDER_TEMPLATES)('%s', (name) => {
  test('escapes every interpolated value in the HTML part; the text part keeps them as written', () => {
    const m = render(name)
    expect(m.html).not.toMatch(/<script|<img|<b>|<items>|onerror=alert\(1\)>/)
    expect(m.html).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,')
    expect(m.html).toContain('Crest &amp; Co')
    expect(m.text).toContain(`Hi ${EVIL},`)
    expect(m.subject).toContain('1042')
    expect(m.subject).not.toMatch(/[\r\n]/)
  })

  test("links the order's page below the base URL, escaped in the href", () => {
    const m = render(name)
    expect(m.html).toContain('href="https://shop.example/orders/ord_1?token=otok_a&amp;x=1"')
    expect(m.text).toContain('https://shop.example/orders/ord_1?token=otok_a&x=1')
    expect(m.html).toContain('href="https://shop.example/"')
  })

  test('without an order path there is no order button, only the store link', () => {
    const { orderPath: _, ...rest } = samples[name] as typeof ref
    const m = render(name, rest)
    expect(m.html).not.toContain('View your order')
    expect(m.text).toContain('https://shop.example/')
  })

  test('refuses an order path that would leave the store', () => {
    for (const orderPath of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'orders/1']) {
      const r = renderTemplate(name, { ...samples[name], orderPath }, brand)
      expect(r).toMatchObject({ ok: false, error: { field: 'data.orderPath' } })
    }
  })
})

test('order confirmation: amounts are formatted from minor units and the currency', () => {
  const m = render('order_confirmation')
  for (const s of ['€39.98', '€8.50', '€48.48', '−€5.00', '€4.90', 'Tax (included)', '€9.70', '€48.38']) {
    expect(m.text).toContain(s)
    expect(m.html).toContain(s)
  }
  const nok = render('order_confirmation', { ...samples.order_confirmation, currency: 'NOK', taxIncluded: false })
  expect(nok.text).toMatch(/NOK\s?48\.38/)
  expect(nok.text).toContain('Tax: ')
  expect(m.subject).toBe('Your Crest & Co order 1042 is confirmed')
})

test('shipped: tracking number and tracking link, escaped', () => {
  const m = render('order_shipped')
  expect(m.html).toContain('TRK&lt;1&gt;')
  expect(m.html).toContain('href="https://track.example/t?n=TRK1&amp;lang=en"')
  expect(m.text).toContain('Tracking number: TRK<1>')
  expect(m.text).toContain('Track your parcel: https://track.example/t?n=TRK1&lang=en')
})

test('shipped: a tracking link that is not http(s) is refused', () => {
  for (const trackingUrl of ['javascript:alert(1)', 'data:text/html,x', 'ftp://x.example/']) {
    const r = renderTemplate('order_shipped', { ...samples.order_shipped, trackingUrl }, brand)
    expect(r).toMatchObject({ ok: false, error: { field: 'data.trackingUrl' } })
  }
})

test('refund: the amount is in the subject and the body', () => {
  const m = render('refund_issued')
  expect(m.subject).toBe('Refund of €1,234.56 for order 1042')
  expect(m.html).toContain('€1,234.56')
  expect(m.html).toContain('Returned &lt;items&gt;')
})

test('each return stage has its own subject', () => {
  const subjects = (['return_requested', 'return_approved', 'return_received', 'return_refused'] as const).map((n) => render(n).subject)
  expect(new Set(subjects).size).toBe(4)
  expect(render('return_refused').text).toContain('Reason: Use <b>this</b> label')
})

test('a subject never carries a line break into the header', () => {
  const m = render('order_delivered', { ...ref, orderNumber: '1042\r\nBcc: victim@example.test' })
  expect(m.subject).toBe('Your order 1042 Bcc: victim@example.test has been delivered')
})

test('bad data names the field', () => {
  expect(renderTemplate('order_confirmation', { ...samples.order_confirmation, items: [] }, brand)).toMatchObject({
    ok: false,
    error: { field: 'data.items' },
  })
  expect(renderTemplate('refund_issued', { ...samples.refund_issued, amount: 12.5 }, brand)).toMatchObject({
    ok: false,
    error: { field: 'data.amount' },
  })
  expect(renderTemplate('refund_issued', { ...samples.refund_issued, currency: 'euro' }, brand)).toMatchObject({
    ok: false,
    error: { field: 'data.currency' },
  })
})
