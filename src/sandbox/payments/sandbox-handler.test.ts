import { afterAll, beforeAll, expect, test } from 'vitest'
import { type SandboxPayments, startSandboxPayments } from './start-sandbox-payments.ts'

const REPLY_DELAY_MS = 300
let sandbox: SandboxPayments
beforeAll(async () => {
  sandbox = await startSandboxPayments({ port: 0, replyDelayMs: REPLY_DELAY_MS })
})
afterAll(() => sandbox?.close())

const authorize = (reference: string, signal?: AbortSignal) =>
  fetch(`${sandbox.url}/v1/authorizations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `k_${reference}` },
    body: JSON.stringify({ amount: 1000, currency: 'EUR', token: 'tok_ok', reference }),
    ...(signal && { signal }),
  })
const ledger = async (reference: string) =>
  ((await (await fetch(`${sandbox.url}/v1/ledger?reference=${reference}`)).json()) as { entries: { type: string }[] }).entries.map(
    (e) => e.type,
  )

test('replyDelayMs: the effect is applied at once and stays when the caller gives up; the key replays it once answered', async () => {
  const caller = new AbortController()
  const call = authorize('ord_rd_1', caller.signal)
  const deadline = Date.now() + REPLY_DELAY_MS
  while ((await ledger('ord_rd_1')).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10))
  caller.abort() // gives up before the answer
  await expect(call).rejects.toThrow()
  expect(await ledger('ord_rd_1')).toEqual(['authorization'])
  const busy = await authorize('ord_rd_1')
  expect(busy.status).toBe(409)
  expect(((await busy.json()) as { error: { code: string } }).error.code).toBe('idempotency_in_progress')

  await new Promise((resolve) => setTimeout(resolve, REPLY_DELAY_MS + 100))
  const replay = await authorize('ord_rd_1')
  expect(replay.status).toBe(201)
  expect(replay.headers.get('idempotent-replayed')).toBe('true')
  expect(await ledger('ord_rd_1')).toEqual(['authorization'])
})

test('replyDelayMs: a caller that waits gets the answer after the delay', async () => {
  const started = Date.now()
  expect((await authorize('ord_rd_2')).status).toBe(201)
  expect(Date.now() - started).toBeGreaterThanOrEqual(REPLY_DELAY_MS - 10)
  await expect(startSandboxPayments({ port: 0, replyDelayMs: -1 })).rejects.toThrow(RangeError)
})
