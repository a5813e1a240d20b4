import { describe, expect, test } from 'vitest'
import { groupForTransactions } from './dispatch-deliveries.ts'

const row = (consumer: string, n: number, topic = 'orders.order_placed.v1') => ({ consumer, event_id: `evt_${n}`, topic, attempts: 1 })
const ids = (groups: ReturnType<typeof groupForTransactions>) => groups.map((g) => g.map((r) => `${r.consumer}:${r.event_id}`))

describe('groupForTransactions', () => {
  test('a few rows each go alone while there are transactions to spare', () => {
    expect(ids(groupForTransactions([row('a.x', 1), row('a.x', 2)], 8, 20))).toEqual([['a.x:evt_1'], ['a.x:evt_2']])
  })

  test('a backlog is shared out among the transactions, in the order claimed, at most `most` rows each', () => {
    const claimed = Array.from({ length: 10 }, (_, i) => row('a.x', i))
    expect(groupForTransactions(claimed, 2, 20).map((g) => g.length)).toEqual([5, 5])
    expect(groupForTransactions(claimed, 2, 3).map((g) => g.length)).toEqual([3, 3, 3, 1])
    expect(groupForTransactions(claimed, 2, 20).flat()).toEqual(claimed)
  })

  test('rows of different consumers, or of one consumer on different topics, never share a transaction', () => {
    const claimed = [row('a.x', 1), row('b.y', 2), row('a.x', 3), row('a.x', 4, 'orders.order_canceled.v1'), row('b.y', 5)]
    expect(ids(groupForTransactions(claimed, 1, 20))).toEqual([['a.x:evt_1', 'a.x:evt_3'], ['b.y:evt_2', 'b.y:evt_5'], ['a.x:evt_4']])
  })
})
