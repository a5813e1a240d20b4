import Fastify from 'fastify'
import { afterAll, expect, test } from 'vitest'
import { currentReadContext } from '../db/replicas/read-context.ts'
import type { ReadPool } from '../db/read-pool.ts'
import { registerReadYourWrites } from './read-your-writes.ts'

const reads: ReadPool = {
  replicated: true,
  read: (_scope, run) => run(undefined as never),
  changed: async () => {},
  writePosition: async () => '1A/2B3C4D',
}

const app = Fastify()
registerReadYourWrites(app, { reads, cookieSeconds: 60, secureCookie: false, primaryFor: (url) => url.startsWith('/admin') })
const echo = async () => {
  await new Promise((r) => setTimeout(r, 5)) // the context survives awaits
  const c = currentReadContext()
  return { primary: c?.primary ?? false, after: c?.after?.toString(16) ?? null }
}
app.get('/store/x', echo)
app.get('/admin/x', echo)
app.post('/store/x', async () => ({ ok: true }))
app.post('/store/fail', async (_req, reply) => reply.code(422).send({ ok: false }))
afterAll(() => app.close())

test('a successful write answers with the WAL position as a header and a short-lived cookie', async () => {
  const r = await app.inject({ method: 'POST', url: '/store/x' })
  expect(r.headers['crest-read-after']).toBe('1A/2B3C4D')
  expect(r.headers['set-cookie']).toEqual(['crest_read_after=1A/2B3C4D; Path=/; Max-Age=60; HttpOnly; SameSite=Lax'])
})

test('a failed write sets nothing', async () => {
  const r = await app.inject({ method: 'POST', url: '/store/fail' })
  expect(r.headers['crest-read-after']).toBeUndefined()
  expect(r.headers['set-cookie']).toBeUndefined()
})

test('a read carrying the cookie or the header must see that position', async () => {
  const byCookie = await app.inject({ url: '/store/x', headers: { cookie: 'a=b; crest_read_after=1A/2B3C4D; c=d' } })
  expect(byCookie.json()).toEqual({ primary: false, after: '1a002b3c4d' })
  const byHeader = await app.inject({ url: '/store/x', headers: { 'crest-read-after': '0/10' } })
  expect(byHeader.json()).toEqual({ primary: false, after: '10' })
})

test('without a token, or with a forged one, nothing is required', async () => {
  for (const headers of [{}, { cookie: 'crest_read_after=zz' }, { 'crest-read-after': "1/1'; drop" }]) {
    expect((await app.inject({ url: '/store/x', headers })).json()).toEqual({ primary: false, after: null })
  }
})

test('staff requests read from the primary', async () => {
  expect((await app.inject({ url: '/admin/x' })).json()).toEqual({ primary: true, after: null })
})
