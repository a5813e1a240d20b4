import { expect, test } from 'vitest'
import { isWebhookUrl, wantsTopic } from './matches-subscription.ts'

test('only http and https URLs without credentials are webhook URLs', () => {
  expect(isWebhookUrl('https://hooks.example.test/crest')).toBe(true)
  expect(isWebhookUrl('http://127.0.0.1:8080/x')).toBe(true)
  for (const bad of ['ftp://example.test/x', 'javascript:alert(1)', 'file:///etc/passwd', '/relative', 'https://u:p@example.test/'])
    expect(isWebhookUrl(bad), bad).toBe(false)
})

test('a subscription wants the topics it lists, or all with *', () => {
  expect(wantsTopic(['orders.order_placed.v1'], 'orders.order_placed.v1')).toBe(true)
  expect(wantsTopic(['orders.order_placed.v1'], 'orders.order_canceled.v1')).toBe(false)
  expect(wantsTopic(['*'], 'orders.order_canceled.v1')).toBe(true)
})
