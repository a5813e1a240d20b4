import { describe, expect, test } from 'vitest'
import { loadConfig } from './load-config.ts'

describe('security settings', () => {
  test('defaults: no CORS, loopback exempt from rate limits, private proxies trusted', () => {
    const c = loadConfig({})
    expect(c.CORS_ORIGINS).toEqual([])
    expect(c.RATE_LIMIT_ALLOW).toContain('127.0.0.1')
    expect(c.TRUST_PROXY).toEqual(['loopback', 'linklocal', 'uniquelocal'])
    expect(c.BODY_LIMIT_STORE_BYTES).toBeLessThan(c.BODY_LIMIT_ADMIN_BYTES)
  })

  test('lists, booleans and origins parse', () => {
    const c = loadConfig({ CORS_ORIGINS: ' https://a.example , http://localhost:5173', TRUST_PROXY: 'true', RATE_LIMIT_ALLOW: '' })
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'http://localhost:5173'])
    expect(c.TRUST_PROXY).toBe(true)
    expect(c.RATE_LIMIT_ALLOW).toEqual([])
  })

  test.each(['https://shop.example/x', 'shop.example', 'ftp://x.example'])('CORS_ORIGINS=%s stops the start, naming the setting', (v) => {
    expect(() => loadConfig({ CORS_ORIGINS: v })).toThrow(/CORS_ORIGINS/)
  })
})
