import { afterAll, beforeAll, expect, test } from 'vitest'
import { adminPost, carrierLedger, type Shop, startShop, stockAt, variants } from '../processing/processing-fixture.ts'
import { deliveredOrder, priceVariant, storeReturn } from './returns-fixture.ts'

// The auto-approval rule: a return worth less than RETURN_AUTO_APPROVE_BELOW is approved (and labelled) at once.
let s: Shop
let a: string
let c: string
beforeAll(async () => {
  s = await startShop('pglite', { RETURN_AUTO_APPROVE_BELOW: '1000000' })
  ;[a, c] = (await variants(s.t, 2)) as [string, string]
  await stockAt(s.t, a, 'warehouse', 20)
  await stockAt(s.t, c, 'warehouse', 20)
}, 120_000)
afterAll(async () => {
  await s?.close()
})

test('under the value: approved with a label at once; an exchange still waits for staff', async () => {
  const order = await deliveredOrder(s, [{ variantId: a, quantity: 2 }])
  const item = order.items[0]
  const r = await storeReturn(s, order.id, order.access_token, { items: [{ item_id: item?.id, quantity: 1, reason: 'Changed my mind' }] })
  expect(r.status).toBe(201)
  expect(r.body.return.status).toBe('approved')
  expect(r.body.return.steps.map((x: { step: string }) => x.step)).toEqual(['requested', 'approved', 'label_created'])
  expect(r.body.return.steps[1].note).toContain('automatically')
  expect((await carrierLedger(s, order.id)).filter((e) => e.type === 'return_label')).toHaveLength(1)
  expect((await adminPost(s, `/returns/${r.body.return.id}/approve`)).body.error.code).toBe('invalid_state')

  await priceVariant(s, c, item?.unit_price.amount as number)
  const ex = await storeReturn(s, order.id, order.access_token, {
    items: [{ item_id: item?.id, quantity: 1, reason: 'Size', exchange_variant_id: c }],
  })
  expect(ex.status).toBe(201)
  expect([ex.body.return.status, ex.body.return.exchange_order_id]).toEqual(['requested', null])
}, 60_000)
