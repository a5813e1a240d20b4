import { expect, test } from 'vitest'
import { type AdmissionGate, localGate } from './admission-gate.ts'
import { failOpenGate } from './fail-open-gate.ts'

test('admits to the database path when the gate engine fails, and makes no call while its breaker is open', async () => {
  const local = localGate()
  let broken = false
  let calls = 0
  const flaky: AdmissionGate = {
    ...local,
    admit: async (k, u) => {
      calls++
      if (broken) throw new Error('Connection is closed.')
      return local.admit(k, u)
    },
    gatedKeys: async () => {
      calls++
      if (broken) throw new Error('Connection is closed.')
      return local.gatedKeys()
    },
  }
  let available = true
  const reported: unknown[] = []
  const gate = failOpenGate(flaky, { available: () => available, report: (e) => reported.push(e) })
  await gate.open('variant:v1', 1)
  expect(await gate.admit('variant:v1', 1)).toBe('admitted')
  expect(await gate.admit('variant:v1', 1)).toBe('sold_out')
  broken = true
  expect(await gate.admit('variant:v1', 1)).toBe('not_gated')
  expect(await gate.gatedKeys()).toEqual([])
  expect(reported).toHaveLength(2)
  available = false
  const before = calls
  expect(await gate.admit('variant:v1', 1)).toBe('not_gated')
  expect(calls).toBe(before)
})
