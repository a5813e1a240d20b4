import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, engineKinds } from '../../../test/support/test-database.ts'
import type { Database } from './database.ts'
import { runOnce } from './run-once.ts'

const engines = new Map<string, Database>()
beforeAll(async () => {
  for (const kind of engineKinds()) engines.set(kind, await createTestDatabase(kind))
})
afterAll(async () => {
  for (const db of engines.values()) await db.close()
})

const later = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(engineKinds())('on %s', (kind) => {
  const once = () => runOnce(engines.get(kind) as Database, { waitMs: 5000, pollMs: 20 })

  test('sent twice at once, the work runs once and both callers get its answer', async () => {
    let runs = 0
    const work = async () => {
      runs++
      await later(200)
      return { order: `ord_${runs}`, at: 'first' }
    }
    const [a, b] = await Promise.all([once()('form', 'k-together', work), later(30).then(() => once()('form', 'k-together', work))])
    expect(runs).toBe(1)
    expect(a).toEqual({ kind: 'ran', value: { order: 'ord_1', at: 'first' } })
    expect(b).toEqual({ kind: 'replayed', value: { order: 'ord_1', at: 'first' } })
    // and later still, from the table
    expect(await once()('form', 'k-together', work)).toEqual({ kind: 'replayed', value: { order: 'ord_1', at: 'first' } })
  })

  test('keys are kept apart by scope and by key', async () => {
    const seen: string[] = []
    const work = (label: string) => async () => {
      seen.push(label)
      return label
    }
    await once()('cart_a', 'k', work('a'))
    await once()('cart_b', 'k', work('b'))
    await once()('cart_a', 'k2', work('a2'))
    expect(seen).toEqual(['a', 'b', 'a2'])
  })

  test('work that throws keeps nothing: the caller gets the error and the next one runs the work', async () => {
    await expect(
      once()('form', 'k-throws', async () => {
        throw new Error('database went away')
      }),
    ).rejects.toThrow('database went away')
    expect(await once()('form', 'k-throws', async () => 'second try')).toEqual({ kind: 'ran', value: 'second try' })
  })

  test('a repeat that waits longer than its limit is told the work is still going, and the work is not run again', async () => {
    let runs = 0
    const slow = async () => {
      runs++
      await later(400)
      return 'done'
    }
    const first = once()('form', 'k-slow', slow)
    await later(30)
    const impatient = await runOnce(engines.get(kind) as Database, { waitMs: 100, pollMs: 20 })('form', 'k-slow', slow)
    expect(impatient).toEqual({ kind: 'busy' })
    expect(await first).toEqual({ kind: 'ran', value: 'done' })
    expect(runs).toBe(1)
  })
})
