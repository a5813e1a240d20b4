import { expect, test } from 'vitest'
import { createHotMemo } from '../../../platform/cache/hot-memo.ts'
import { err, ok } from '../../../platform/result.ts'
import type { Carrier, CarrierRate } from '../carriers/carrier.ts'
import { carrierError } from '../carriers/carrier-errors.ts'
import { cachedCarrierRates } from './cached-carrier-rates.ts'

const RATE: CarrierRate = { service: 'standard', price: { amount: 990, currency: 'EUR' }, estimatedDays: 4 }

/** A carrier whose `rates` answers as `answer` says, counting calls and the signal it was given. */
const carrierThat = (answer: (signal?: AbortSignal) => ReturnType<Carrier['rates']>) => {
  const seen = { calls: 0, aborted: false, grams: 0 }
  const carrier = {
    name: 'fake',
    rates: (input: Parameters<Carrier['rates']>[0]) => {
      seen.calls++
      seen.grams = input.weightGrams
      input.signal?.addEventListener('abort', () => (seen.aborted = true))
      return answer(input.signal)
    },
  } as unknown as Carrier
  return { carrier, seen }
}

const memo = () => createHotMemo({ prefix: 't:', ttlSeconds: 60, maxLocal: 100 })

test('asks the carrier at the top of the band once, then answers from the memo', async () => {
  const { carrier, seen } = carrierThat(async () => ok([RATE]))
  const rates = cachedCarrierRates({ carrier, memo: memo(), timeoutMs: 1000 })
  expect(await rates({ from: 'DE', to: 'FR', band: 3 })).toEqual({ ok: true, rates: [RATE], cached: false })
  expect(seen.grams).toBe(3000)
  expect(await rates({ from: 'DE', to: 'FR', band: 3 })).toEqual({ ok: true, rates: [RATE], cached: true })
  expect(seen.calls).toBe(1)
  await rates({ from: 'DE', to: 'FR', band: 4 })
  expect(seen.calls).toBe(2)
})

test('a carrier that never answers costs at most the timeout, and its call is abandoned', async () => {
  const { carrier, seen } = carrierThat(() => new Promise(() => {}))
  const started = Date.now()
  const r = await cachedCarrierRates({ carrier, memo: memo(), timeoutMs: 80 })({ from: 'DE', to: 'FR', band: 1 })
  expect(r.ok).toBe(false)
  expect(Date.now() - started).toBeLessThan(1000)
  expect(seen.aborted).toBe(true)
})

test('a failure is not remembered: the next look-up asks again', async () => {
  let fail = true
  const { carrier, seen } = carrierThat(async () =>
    fail ? err(carrierError('FULFILLMENT_CARRIER_UNAVAILABLE', 'fake', 'down', 'test')) : ok([RATE]),
  )
  const rates = cachedCarrierRates({ carrier, memo: memo(), timeoutMs: 1000 })
  expect((await rates({ from: 'DE', to: 'SE', band: 1 })).ok).toBe(false)
  fail = false
  expect(await rates({ from: 'DE', to: 'SE', band: 1 })).toEqual({ ok: true, rates: [RATE], cached: false })
  expect(seen.calls).toBe(2)
})
