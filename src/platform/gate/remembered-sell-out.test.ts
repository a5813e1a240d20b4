import { expect, test } from 'vitest'
import { type AdmissionGate, localGate } from './admission-gate.ts'
import { rememberSellOut } from './remembered-sell-out.ts'

/** a local gate that counts the calls reaching it (as Redis calls would be) */
const counting = () => {
  const inner = localGate()
  const calls = { remaining: 0, admit: 0 }
  const gate: AdmissionGate = {
    ...inner,
    remaining: (k) => {
      calls.remaining++
      return inner.remaining(k)
    },
    admit: (k, u) => {
      calls.admit++
      return inner.admit(k, u)
    },
  }
  return { gate, calls }
}

test('after the last unit, "sold out" is answered from memory until the time is up; the engine is asked again after', async () => {
  let t = 0
  const { gate: inner, calls } = counting()
  const gate = rememberSellOut(inner, { ttlMs: 100, now: () => t })
  await gate.open('variant:a', 1)
  expect(await gate.remaining('variant:a')).toBe(1)
  expect(await gate.admit('variant:a', 1)).toBe('admitted')
  expect(await gate.remaining('variant:a')).toBe(0)
  const asked = { ...calls }
  for (let i = 0; i < 50; i++) {
    expect(await gate.remaining('variant:a')).toBe(0)
    expect(await gate.admit('variant:a', 1)).toBe('sold_out')
  }
  expect(calls).toEqual(asked)
  t = 101
  expect(await gate.remaining('variant:a')).toBe(0)
  expect(calls.remaining).toBe(asked.remaining + 1)
})

test('a unit given back, a sale reopened, or an ungated item is never answered from memory', async () => {
  const gate = rememberSellOut(localGate(), { ttlMs: 10_000, now: () => 0 })
  await gate.open('variant:a', 1)
  expect(await gate.admit('variant:a', 1)).toBe('admitted')
  expect(await gate.admit('variant:a', 1)).toBe('sold_out')
  await gate.giveBack('variant:a', 1) // payment declined: the unit is for the next buyer
  expect(await gate.remaining('variant:a')).toBe(1)
  expect(await gate.admit('variant:a', 1)).toBe('admitted')
  expect(await gate.remaining('variant:a')).toBe(0)
  await gate.open('variant:a', 5) // staff add units
  expect(await gate.remaining('variant:a')).toBe(5)
  expect(await gate.remaining('variant:b')).toBeNull()
  expect(await gate.admit('variant:b', 1)).toBe('not_gated')
})

test('a basket of two refused is not taken for "none left": one unit may still go to a buyer of one', async () => {
  const gate = rememberSellOut(localGate(), { ttlMs: 10_000, now: () => 0 })
  await gate.open('variant:a', 1)
  expect(await gate.admit('variant:a', 2)).toBe('sold_out')
  expect(await gate.admit('variant:a', 1)).toBe('admitted')
})
