import { describe, expect, test } from 'vitest'
import type { BusEvent } from './consumer-registry.ts'
import { type Delivery, deliverTogether, HandlerFailed } from './handle-delivery.ts'

const item = (n: number) => {
  const event: BusEvent = { id: `evt_${n}`, topic: 'orders.order_placed.v1', aggregateId: `ord_${n}`, payload: {}, createdAt: new Date(0) }
  return { n, delivery: { event, attempt: 1 } satisfies Delivery }
}
type Item = ReturnType<typeof item>

/** Steps that record what was asked of them; `together` fails as `fail` says. */
const recorder = (fail: (items: readonly Item[]) => unknown) => {
  const log: string[] = []
  return {
    log,
    steps: {
      together: async (items: readonly Item[]) => {
        log.push(`together ${items.map((i) => i.n).join(',')}`)
        const e = fail(items)
        if (e) throw e
      },
      failed: async (i: Item, e: unknown) => {
        log.push(`failed ${i.n}: ${(e as Error).message}`)
      },
      alone: async (i: Item) => {
        log.push(`alone ${i.n}`)
      },
    },
  }
}

describe('deliverTogether', () => {
  test('items that all go well take one transaction', async () => {
    const { log, steps } = recorder(() => undefined)
    await deliverTogether([1, 2, 3].map(item), steps)
    expect(log).toEqual(['together 1,2,3'])
  })

  test('the item the handler failed on is recorded as failed and the others go again together, without it', async () => {
    const items = [1, 2, 3, 4].map(item)
    const { log, steps } = recorder((batch) =>
      batch.some((i) => i.n === 3) ? new HandlerFailed((items[2] as Item).delivery, new Error('no stock')) : undefined,
    )
    await deliverTogether(items, steps)
    expect(log).toEqual(['together 1,2,3,4', 'failed 3: no stock', 'together 1,2,4'])
  })

  test('when the last two fail in turn, the one left goes alone', async () => {
    const items = [1, 2].map(item)
    const { log, steps } = recorder((batch) => new HandlerFailed((batch[0] as Item).delivery, new Error('down')))
    await deliverTogether(items, steps)
    expect(log).toEqual(['together 1,2', 'failed 1: down', 'alone 2'])
  })

  test('a failure that is not a handler\u2019s (the commit, the connection) sends every item alone, each with its own retry', async () => {
    const { log, steps } = recorder(() => new Error('connection lost'))
    await deliverTogether([1, 2, 3].map(item), steps)
    expect(log).toEqual(['together 1,2,3', 'alone 1', 'alone 2', 'alone 3'])
  })

  test('a single item goes alone', async () => {
    const { log, steps } = recorder(() => undefined)
    await deliverTogether([item(1)], steps)
    expect(log).toEqual(['alone 1'])
  })
})
