import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { solidPng } from '../fixtures/tiny-png.ts'
import { staffToken, startTestApp, type TestApp } from '../support/start-app.ts'
import { engineKinds } from '../support/test-database.ts'

const MAX = 4096
const RED = solidPng(8, 8, [200, 30, 30])
const BLUE = solidPng(8, 8, [30, 30, 200])
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')

describe.each(engineKinds())('product images: upload, store, serve, reorder on %s', (engine) => {
  let t: TestApp
  let dir: string
  let auth: Record<string, string>
  let productId: string
  const handle = `img-lamp-${engine}`

  const upload = async (id: string, body: Buffer | string, type: string, alt = '', headers: Record<string, string> = auth) => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/admin/products/${id}/images?alt=${encodeURIComponent(alt)}`,
      headers: { ...headers, 'content-type': type },
      payload: body,
    })
    return { status: r.statusCode, body: r.json(), headers: r.headers }
  }
  const json = async (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
    const r = await t.app.inject({ method, url, headers: auth, ...(payload && { payload }) })
    return { status: r.statusCode, body: r.json() }
  }
  const storeImages = async () => (await t.app.inject({ method: 'GET', url: `/store/products/${handle}` })).json().product.images

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crest-media-'))
    t = await startTestApp({ engine, redis: engine === 'postgres', listen: false, env: { MEDIA_DIR: dir, MEDIA_MAX_BYTES: String(MAX) } })
    auth = { authorization: `Bearer ${await staffToken(t)}` }
    const created = await json('POST', '/admin/products', {
      handle,
      title: 'Image Lamp',
      variants: [{ sku: `IMG-${engine}`, title: 'One', prices: [{ amount: 4200, currency: 'EUR' }] }],
    })
    expect(created.status).toBe(201)
    productId = created.body.product.id
  })
  afterAll(async () => {
    await t?.close()
    await rm(dir, { recursive: true, force: true })
  })

  test('an uploaded PNG is stored by content, appended to the product and on the storefront at once', async () => {
    expect(await storeImages()).toEqual([]) // warm the cache: the upload must invalidate it
    const r = await upload(productId, RED, 'image/png', 'Red lamp')
    expect(r.status).toBe(201)
    const [img] = r.body.product.images
    expect(img).toEqual({ url: expect.stringMatching(/^\/media\/uploads\/[0-9a-f]{32}\.png$/), alt: 'Red lamp' })
    expect(await storeImages()).toEqual([img])
    const page = await t.app.inject({ method: 'GET', url: `/p/${handle}` })
    expect(page.body).toContain(`src="${img.url}"`)

    const file = await t.app.inject({ method: 'GET', url: img.url })
    expect(file.statusCode).toBe(200)
    expect(file.headers['content-type']).toBe('image/png')
    expect(file.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(file.headers['x-content-type-options']).toBe('nosniff')
    expect(file.rawPayload.equals(RED)).toBe(true)
    const again = await t.app.inject({ method: 'GET', url: img.url, headers: { 'if-none-match': String(file.headers.etag) } })
    expect(again.statusCode).toBe(304)
  })

  test('the type comes from the bytes: a PNG sent as octet-stream is a PNG; a JPEG header does not make SVG an image', async () => {
    const ok = await upload(productId, BLUE, 'application/octet-stream', 'Blue lamp')
    expect(ok.status).toBe(201)
    expect(ok.body.product.images.map((i: { alt: string }) => i.alt)).toEqual(['Red lamp', 'Blue lamp'])
    const svg = await upload(productId, SVG, 'image/jpeg')
    expect([svg.status, svg.body.error.code]).toEqual([422, 'unsupported_image'])
    const empty = await upload(productId, Buffer.alloc(0), 'image/png')
    expect([empty.status, empty.body.error.code]).toEqual([422, 'unsupported_image'])
  })

  test('oversized, wrong content type, JSON, unknown product and no token are refused with stable codes, and nothing is stored', async () => {
    const before = await readdir(dir)
    const big = Buffer.concat([RED, Buffer.alloc(MAX)])
    const tooBig = await upload(productId, big, 'image/png')
    expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'payload_too_large'])
    const text = await upload(productId, 'hello', 'text/plain')
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type'])
    const asJson = await upload(productId, JSON.stringify({ url: '/x.png' }), 'application/json')
    expect([asJson.status, asJson.body.error.code]).toEqual([415, 'unsupported_media_type'])
    const unknown = await upload('prod_nope', solidPng(2, 2, [1, 2, 3]), 'image/png')
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found'])
    const anonymous = await upload(productId, RED, 'image/png', '', {})
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthorized'])
    const longAlt = await upload(productId, RED, 'image/png', 'x'.repeat(301))
    expect([longAlt.status, longAlt.body.error.code]).toEqual([400, 'invalid_request'])
    expect((await readdir(dir)).sort()).toEqual(before.sort())
    expect((await json('GET', `/admin/products/${productId}`)).body.product.images).toHaveLength(2)
  })

  test('an upload repeated with the same Idempotency-Key is appended once; another image under that key is refused', async () => {
    const p = await json('POST', '/admin/products', {
      title: 'Retried',
      variants: [{ sku: `RETRY-${engine}`, title: 'One', prices: [{ amount: 1, currency: 'EUR' }] }],
    })
    const key = { ...auth, 'idempotency-key': `upload-${engine}-${Date.now()}` }
    const first = await upload(p.body.product.id, RED, 'image/png', 'once', key)
    const again = await upload(p.body.product.id, RED, 'image/png', 'once', key)
    expect([first.status, again.status]).toEqual([201, 201])
    expect(again.body).toEqual(first.body)
    expect((await json('GET', `/admin/products/${p.body.product.id}`)).body.product.images).toHaveLength(1)
    const other = await upload(p.body.product.id, BLUE, 'image/png', 'once', key)
    expect([other.status, other.body.error.code]).toEqual([422, 'idempotency_key_reused'])
  })

  test('reorder and remove through PATCH images; the storefront follows', async () => {
    const images = (await json('GET', `/admin/products/${productId}`)).body.product.images
    const swapped = await json('PATCH', `/admin/products/${productId}`, { images: [images[1], images[0]] })
    expect(swapped.status).toBe(200)
    expect((await storeImages()).map((i: { alt: string }) => i.alt)).toEqual(['Blue lamp', 'Red lamp'])
    const removed = await json('PATCH', `/admin/products/${productId}`, { images: [images[1]] })
    expect(removed.body.product.images).toEqual([images[1]])
    expect(await storeImages()).toEqual([images[1]])
  })

  test('a product holds at most 20 images (409 too_many_images)', async () => {
    const p = await json('POST', '/admin/products', {
      title: 'Crowded',
      variants: [{ sku: `CROWD-${engine}`, title: 'One', prices: [{ amount: 1, currency: 'EUR' }] }],
    })
    const results = []
    for (let i = 0; i < 21; i++) results.push((await upload(p.body.product.id, solidPng(2, 2, [i, 0, 0]), 'image/png', `n${i}`)).status)
    expect(results.slice(0, 20).every((s) => s === 201)).toBe(true)
    expect(results[20]).toBe(409)
    expect((await json('GET', `/admin/products/${p.body.product.id}`)).body.product.images.map((i: { alt: string }) => i.alt).at(-1)).toBe(
      'n19',
    )
  })

  test('the audit log keeps the upload as size, type and digest, not the bytes', async () => {
    const log = await json('GET', `/admin/audit-log?action=${encodeURIComponent('POST /admin/products/:id/images')}&limit=100`)
    expect(log.status).toBe(200)
    const entry = log.body.entries.find((e: { status: number }) => e.status === 201)
    expect(entry.request.body).toEqual({ bytes: RED.length, declared_type: 'image/png', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
  })

  test('served names are only stored hashes: anything else is 404', async () => {
    for (const url of [
      '/media/uploads/..%2f..%2fpackage.json',
      '/media/uploads/abc.png',
      `/media/uploads/${'0'.repeat(32)}.png`,
      `/media/uploads/${'0'.repeat(32)}.svg`,
    ]) {
      expect([url, (await t.app.inject({ method: 'GET', url })).statusCode]).toEqual([url, 404])
    }
  })
})
