import { describe, expect, test } from 'vitest'
import { decideActive, localRoomSwitch, overThresholds } from './room-switch.ts'
import { scopeOf } from './request-scope.ts'

describe('when the room is on', () => {
  test('forced on or off by the mode; in auto while over the thresholds or anyone waits', () => {
    expect(decideActive({ mode: 'on', hot: false, waiting: 0 })).toBe(true)
    expect(decideActive({ mode: 'off', hot: true, waiting: 99 })).toBe(false)
    expect(decideActive({ mode: 'auto', hot: false, waiting: 0 })).toBe(false)
    expect(decideActive({ mode: 'auto', hot: true, waiting: 0 })).toBe(true)
    expect(decideActive({ mode: 'auto', hot: false, waiting: 3 })).toBe(true)
  })

  test('thresholds: either passed, 0 switches a rule off', () => {
    const t = { maxShoppers: 100, maxRps: 50 }
    expect(overThresholds({ shoppers: 99, rps: 49.9 }, t)).toBe(false)
    expect(overThresholds({ shoppers: 100, rps: 0 }, t)).toBe(true)
    expect(overThresholds({ shoppers: 0, rps: 50 }, t)).toBe(true)
    expect(overThresholds({ shoppers: 1e9, rps: 1e9 }, { maxShoppers: 0, maxRps: 0 })).toBe(false)
  })

  test('the hot mark lasts the cool-down', async () => {
    let now = 0
    const s = localRoomSwitch(() => now)
    await s.markHot(5000)
    now = 4999
    expect(await s.isHot()).toBe(true)
    now = 5000
    expect(await s.isHot()).toBe(false)
  })
})

describe('which requests queue', () => {
  test('health, metrics, admin, webhooks, docs and assets never', () => {
    for (const u of [
      '/healthz',
      '/readyz',
      '/metrics',
      '/admin/orders?x=1',
      '/admin',
      '/webhooks/carriers/sandbox',
      '/openapi.json',
      '/docs/x',
      '/assets/storefront.css?v=1',
      '/media/placeholder/a.svg',
      '/robots.txt',
      '/sitemap.xml',
    ])
      expect([u, scopeOf('GET', u, 'store')]).toEqual([u, 'exempt'])
  })
  test('storefront pages always; the store API per scope', () => {
    expect(scopeOf('GET', '/', 'checkout')).toBe('page')
    expect(scopeOf('GET', '/p/some-product', 'checkout')).toBe('page')
    expect(scopeOf('POST', '/checkout', 'checkout')).toBe('page')
    expect(scopeOf('GET', '/metricsx', 'checkout')).toBe('page')
    expect(scopeOf('POST', '/store/carts/cart_1/checkout', 'checkout')).toBe('api')
    expect(scopeOf('GET', '/store/products', 'checkout')).toBe('exempt')
    expect(scopeOf('POST', '/store/carts', 'checkout')).toBe('exempt')
    expect(scopeOf('GET', '/store/products', 'store')).toBe('api')
  })
})
