import { expect, test } from 'vitest'
import { gateAdmissions, gateRejections } from '../metrics/commerce-metrics.ts'
import { localGate } from './admission-gate.ts'
import { countedGate } from './counted-gate.ts'

const value = async (c: typeof gateAdmissions) => (await c.get()).values[0]?.value ?? 0

test('counts admissions and "sold out" answers; ungated keys count neither', async () => {
  const gate = countedGate(localGate())
  const [a0, r0] = [await value(gateAdmissions), await value(gateRejections)]
  await gate.open('var_1', 2)
  expect(await gate.admit('var_1', 1)).toBe('admitted')
  expect(await gate.admit('var_1', 1)).toBe('admitted')
  expect(await gate.admit('var_1', 1)).toBe('sold_out')
  expect(await gate.admit('var_other', 1)).toBe('not_gated')
  expect(await value(gateAdmissions)).toBe(a0 + 2)
  expect(await value(gateRejections)).toBe(r0 + 1)
  expect(await gate.remaining('var_1')).toBe(0)
})
