import { expect, test } from 'vitest'
import { createDependencyBreaker } from './dependency-breaker.ts'

const outage = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })

test('opens on reported outages, ignores other failures, and a successful probe closes it', async () => {
  let up = false
  const changes: string[] = []
  const b = createDependencyBreaker({
    name: 'database',
    probe: async () => {
      if (!up) throw outage
    },
    isOutage: (e) => (e as { code?: string }).code === 'ECONNREFUSED',
    failuresToOpen: 2,
    halfOpenAfterMs: 200,
    probeIntervalMs: 0,
    onChange: (_, s) => changes.push(s),
  })
  expect(b.report(new Error('syntax error'))).toBe(false)
  expect(b.available()).toBe(true)
  expect(b.report(outage)).toBe(true)
  await new Promise((r) => setTimeout(r, 0))
  expect(b.available()).toBe(true) // one is not enough
  b.report(outage)
  await new Promise((r) => setTimeout(r, 0))
  expect(b.available()).toBe(false)
  expect(b.state()).toBe('down')
  expect(b.downSince()).not.toBeNull()
  await b.probeNow() // still open: refused without calling the engine
  expect(b.available()).toBe(false)
  await new Promise((r) => setTimeout(r, 250))
  await b.probeNow() // half-open: the probe goes through, fails, opens again
  expect(b.available()).toBe(false)
  up = true
  await new Promise((r) => setTimeout(r, 250))
  await b.probeNow()
  expect(b.state()).toBe('up')
  expect(b.available()).toBe(true)
  expect(b.downSince()).toBeNull()
  expect(changes).toEqual(['down', 'probing', 'down', 'probing', 'up'])
  b.stop()
})
