import { expect, test } from 'vitest'
import { localGate } from './admission-gate.ts'

test('admits exactly the units opened, then answers sold out; give-back reopens', async () => {
  const g = localGate()
  expect(await g.admit('v', 1)).toBe('not_gated')
  await g.open('v', 3)
  const answers = await Promise.all(Array.from({ length: 10 }, () => g.admit('v', 1)))
  expect(answers.filter((a) => a === 'admitted')).toHaveLength(3)
  expect(await g.admit('v', 1)).toBe('sold_out')
  await g.giveBack('v', 1)
  expect(await g.admit('v', 2)).toBe('sold_out')
  expect(await g.admit('v', 1)).toBe('admitted')
  expect(g.stats()).toEqual({ admitted: 4, rejected: 9 })
})
