import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { type ServeProcess, startServe } from '../support/crest-process.ts'
import { CREST_NGINX_CONF, type NginxProcess, nginxBinary, renderCrestNginxConfig, startNginx } from '../support/nginx-process.ts'

/**
 * deploy/nginx/crest.conf, run by the real nginx in front of real HTTP processes: small upstream
 * servers that report what reached them (for the balancer's own behaviour), and one `crest serve`.
 */
type Seen = { method: string; url: string; headers: IncomingMessage['headers'] }
type Upstream = { id: string; port: number; server: Server; seen: Seen[]; connections: number; close: () => Promise<void> }

const startUpstream = async (
  id: string,
  handle?: (req: IncomingMessage, res: import('node:http').ServerResponse) => boolean,
): Promise<Upstream> => {
  const u = { id, seen: [] as Seen[], connections: 0 } as Upstream
  u.server = createServer((req, res) => {
    let size = 0
    req.on('data', (c: Buffer) => (size += c.length))
    req.on('end', () => {
      u.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers })
      if (handle?.(req, res)) return
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ upstream: id, size, headers: req.headers }))
    })
  })
  u.server.keepAliveTimeout = 72_000
  u.server.on('connection', () => u.connections++)
  await new Promise<void>((r) => u.server.listen(0, '127.0.0.1', r))
  u.port = (u.server.address() as { port: number }).port
  u.close = () =>
    new Promise<void>((r) => {
      u.server.closeAllConnections()
      u.server.close(() => r())
    })
  return u
}

describe('deploy/nginx/crest.conf rendering', () => {
  test('the file as shipped passes nginx -t inside an http block', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crest-nginx-t-'))
    try {
      writeFileSync(join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid;\nevents {}\nhttp { include ${CREST_NGINX_CONF}; }\n`)
      const r = spawnSync(nginxBinary(), ['-t', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
        encoding: 'utf8',
      })
      expect(r.status, r.stderr).toBe(0)
      expect(r.stderr).toMatch(/test is successful/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('fills the upstreams, the port and the exemptions, and keeps the rest of the file', () => {
    const text = renderCrestNginxConfig({
      upstreams: [{ port: 4001 }, { port: 4002 }],
      listenPort: 8123,
      exemptFromRateLimits: ['127.0.0.1'],
      maxFails: 2,
      failTimeoutSeconds: 3,
    })
    expect(text).toContain('server 127.0.0.1:4001 max_fails=2 fail_timeout=3s;')
    expect(text).toContain('server 127.0.0.1:4002 max_fails=2 fail_timeout=3s;')
    expect(text).not.toContain('127.0.0.1:3001')
    expect(text).toContain('listen 127.0.0.1:8123;')
    expect(text).not.toMatch(/listen 80;/)
    expect(text).toMatch(/127\.0\.0\.1 1;/)
    expect(text).toContain('least_conn;')
    expect(text).toContain('keepalive 64;')
    expect(() => renderCrestNginxConfig({ upstreams: [], listenPort: 1 })).toThrow(/at least one upstream/)
  })
})

describe('nginx in front of several upstream processes', () => {
  const ups: Upstream[] = []
  let nginx: NginxProcess | undefined

  afterEach(async () => {
    await nginx?.stop()
    nginx = undefined
    await Promise.all(ups.splice(0).map((u) => u.close()))
  })

  const three = async () => {
    for (const id of ['a', 'b', 'c']) ups.push(await startUpstream(id))
    return ups.map((u) => ({ port: u.port }))
  }

  test('spreads requests over every process, reusing keep-alive connections', async () => {
    nginx = await startNginx({ upstreams: await three(), exemptFromRateLimits: ['127.0.0.1'], exposeUpstream: true })
    const served = new Map<string, number>()
    for (let i = 0; i < 60; i++) {
      const r = await fetch(`${nginx.url}/store/products?i=${i}`)
      expect(r.status).toBe(200)
      const body = (await r.json()) as { upstream: string }
      served.set(body.upstream, (served.get(body.upstream) ?? 0) + 1)
      expect(r.headers.get('x-crest-upstream')).toMatch(/^127\.0\.0\.1:\d+$/)
    }
    expect([...served.keys()].sort()).toEqual(['a', 'b', 'c'])
    for (const n of served.values()) expect(n).toBeGreaterThanOrEqual(10)
    // 60 requests, but nginx kept its upstream connections open between them
    const connections = ups.reduce((n, u) => n + u.connections, 0)
    expect(connections).toBeLessThan(15)
  })

  test("passes X-Forwarded-For, X-Forwarded-Proto and a request id (the caller's when well-formed)", async () => {
    nginx = await startNginx({ upstreams: await three(), exemptFromRateLimits: ['127.0.0.1'] })
    const given = await fetch(`${nginx.url}/x`, { headers: { 'x-request-id': 'req-abc.123_Z', 'x-forwarded-for': '203.0.113.9' } })
    const h = ((await given.json()) as { headers: Record<string, string> }).headers
    expect(h['x-request-id']).toBe('req-abc.123_Z')
    expect(h['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1')
    expect(h['x-real-ip']).toBe('127.0.0.1')
    expect(h['x-forwarded-proto']).toBe('http')
    const bad = await fetch(`${nginx.url}/x`, { headers: { 'x-request-id': 'no spaces/or slashes allowed' } })
    const generated = ((await bad.json()) as { headers: Record<string, string> }).headers['x-request-id']
    expect(generated).toMatch(/^[0-9a-f]{32}$/)
    const none = await fetch(`${nginx.url}/x`)
    expect(((await none.json()) as { headers: Record<string, string> }).headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/)
  })

  test('a process that goes away is skipped: every read still succeeds, and it is taken out', async () => {
    nginx = await startNginx({ upstreams: await three(), exemptFromRateLimits: ['127.0.0.1'], failTimeoutSeconds: 30, maxFails: 1 })
    const gone = ups[1] as Upstream
    await gone.close()
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) statuses.push((await fetch(`${nginx.url}/store/products?i=${i}`)).status)
    expect(statuses.every((s) => s === 200)).toBe(true)
    // after its first failure (max_fails=1) nginx stops trying it for fail_timeout
    const refused = (nginx.output().match(/Connection refused/g) ?? []).length
    expect(refused).toBeGreaterThanOrEqual(1)
    expect(refused).toBeLessThanOrEqual(2)
  })

  test('a POST that reached a process is never re-sent to another one', async () => {
    const dropper = await startUpstream('dropper', (req) => {
      if (req.method === 'POST') {
        req.socket.destroy() // the process dies mid-request
        return true
      }
      return false
    })
    const healthy = await startUpstream('healthy')
    ups.push(dropper, healthy)
    nginx = await startNginx({
      upstreams: [{ port: dropper.port }, { port: healthy.port }],
      exemptFromRateLimits: ['127.0.0.1'],
      maxFails: 100,
    })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const r = await fetch(`${nginx.url}/store/carts/cart_${i}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
      statuses.push(r.status)
      if (r.status === 503) {
        expect(r.headers.get('retry-after')).toBe('5')
        expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unavailable')
      } else await r.arrayBuffer()
    }
    const dropped = dropper.seen.filter((s) => s.method === 'POST').length
    expect(dropped).toBeGreaterThan(0)
    // each checkout reached exactly one process: the ones the dropper lost were not re-sent to the healthy one
    expect(dropped + healthy.seen.filter((s) => s.method === 'POST').length).toBe(6)
    expect(statuses.filter((s) => s === 503)).toHaveLength(dropped)
    expect(statuses.filter((s) => s === 200)).toHaveLength(6 - dropped)
  })

  test('no process reachable: 503 in the API error shape, with Retry-After', async () => {
    const u = await startUpstream('x')
    const port = u.port
    await u.close()
    nginx = await startNginx({ upstreams: [{ port }], exemptFromRateLimits: ['127.0.0.1'] })
    const r = await fetch(`${nginx.url}/store/products`)
    expect(r.status).toBe(503)
    expect(r.headers.get('retry-after')).toBe('5')
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('unavailable')
  })

  test('a body over 1 MiB stops at nginx with 413', async () => {
    nginx = await startNginx({ upstreams: await three(), exemptFromRateLimits: ['127.0.0.1'] })
    const big = 'x'.repeat(1024 * 1024 + 10)
    const r = await fetch(`${nginx.url}/admin/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ big }),
    })
    expect(r.status).toBe(413)
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('payload_too_large')
    expect(ups.every((u) => u.seen.length === 0)).toBe(true)
    const small = await fetch(`${nginx.url}/admin/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ small: 'x'.repeat(1000) }),
    })
    expect(small.status).toBe(200)
  })

  test('sign-in attempts are rate limited per address (429 rate_limited), unless the address is exempt', async () => {
    nginx = await startNginx({ upstreams: await three() })
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await fetch(`${nginx.url}/admin/auth/token`, { method: 'POST', body: '{}' })).status)
    // burst of 5 beyond the first, at 10 a minute
    expect(statuses.slice(0, 6).every((s) => s === 200)).toBe(true)
    expect(statuses.slice(6).every((s) => s === 429)).toBe(true)
    const limited = await fetch(`${nginx.url}/admin/auth/token`, { method: 'POST', body: '{}' })
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    // reads have their own, much larger budget
    expect((await fetch(`${nginx.url}/store/products`)).status).toBe(200)

    await nginx.reload({ exemptFromRateLimits: ['127.0.0.1'] })
    const after: number[] = []
    for (let i = 0; i < 12; i++) after.push((await fetch(`${nginx.url}/admin/auth/token`, { method: 'POST', body: '{}' })).status)
    expect(after.every((s) => s === 200)).toBe(true)
  })
})

describe('nginx in front of a real crest serve', () => {
  let serve: ServeProcess
  let nginx: NginxProcess
  let dataDir: string

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crest-nginx-serve-'))
    serve = await startServe({ DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', SEED_PRODUCTS: '0' }, 120_000)
    nginx = await startNginx({ upstreams: [{ port: Number(new URL(serve.url).port) }], exemptFromRateLimits: ['127.0.0.1'] })
  }, 180_000)

  afterAll(async () => {
    await nginx?.stop()
    await serve?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  test('/readyz and /healthz answer through nginx, and Crest echoes the request id nginx passed', async () => {
    const ready = await fetch(`${nginx.url}/readyz`, { headers: { 'x-request-id': 'through-nginx-1' } })
    expect(ready.status).toBe(200)
    expect(((await ready.json()) as { status: string }).status).toBe('ready')
    expect(ready.headers.get('x-request-id')).toBe('through-nginx-1')
    const alive = await fetch(`${nginx.url}/healthz`)
    expect(alive.status).toBe(200)
    expect(alive.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/)
    // Crest's own 4xx passes through untouched (nginx only rewrites the errors it makes itself)
    const missing = await fetch(`${nginx.url}/store/products/no-such-product`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })
})
