import { expect, test } from 'vitest'
import type { CheckoutApi } from '../modules/checkout/index.ts'
import { checkoutAttempts, checkoutFailures, ordersPlaced, stockConflicts } from '../platform/metrics/index.ts'
import { err, ok } from '../platform/result.ts'
import { instrumentCheckout } from './instrument-checkout.ts'
import { createSalesTally } from './sales-tally.ts'

const total = async (
  c: { get: () => Promise<{ values: { value: number; labels: Record<string, unknown> }[] }> },
  labels: Record<string, string> = {},
) => (await c.get()).values.filter((v) => Object.entries(labels).every(([k, x]) => v.labels[k] === x)).reduce((a, v) => a + v.value, 0)

test('counts attempts, orders by currency, failures by code and stock conflicts; records sales', async () => {
  const answers = [
    ok({
      order: { currency: 'EUR', total: { amount: 1200, currency: 'EUR' }, items: [{ variant_id: 'var_a', quantity: 3 }] },
      accessToken: 't',
    }),
    err({ code: 'CHECKOUT_OUT_OF_STOCK', message: 'gone', variants: [] }),
    err({ code: 'CHECKOUT_PAYMENT_DECLINED', message: 'no' }),
  ]
  // a stand-in for the checkout use case: this test is about the counting wrapper alone
  const api = { placeOrder: async () => answers.shift() } as unknown as CheckoutApi
  const tally = createSalesTally()
  const checkout = instrumentCheckout(api, tally)
  const before = {
    attempts: await total(checkoutAttempts),
    orders: await total(ordersPlaced, { currency: 'EUR' }),
    oos: await total(checkoutFailures, { code: 'CHECKOUT_OUT_OF_STOCK' }),
    declined: await total(checkoutFailures, { code: 'CHECKOUT_PAYMENT_DECLINED' }),
    conflicts: await total(stockConflicts),
  }
  for (let i = 0; i < 3; i++) await checkout.placeOrder({} as Parameters<CheckoutApi['placeOrder']>[0])
  expect(await total(checkoutAttempts)).toBe(before.attempts + 3)
  expect(await total(ordersPlaced, { currency: 'EUR' })).toBe(before.orders + 1)
  expect(await total(checkoutFailures, { code: 'CHECKOUT_OUT_OF_STOCK' })).toBe(before.oos + 1)
  expect(await total(checkoutFailures, { code: 'CHECKOUT_PAYMENT_DECLINED' })).toBe(before.declined + 1)
  expect(await total(stockConflicts)).toBe(before.conflicts + 1)
  expect(tally.top(1)).toEqual(['var_a'])
})
