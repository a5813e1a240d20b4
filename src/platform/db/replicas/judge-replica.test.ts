import { expect, test } from 'vitest'
import { judgeReplica } from './judge-replica.ts'

const healthy = { reachable: true, inRecovery: true, paused: false, replayed: 10n } as const

test('a reachable, replaying standby within the bound is in rotation', () => {
  expect(judgeReplica(healthy, 0, 5)).toBe('ok')
  expect(judgeReplica(healthy, 5, 5)).toBe('ok')
})

test('each reason takes a replica out', () => {
  expect(judgeReplica(healthy, 5.01, 5)).toBe('lagging')
  expect(judgeReplica({ ...healthy, paused: true }, 0, 5)).toBe('paused')
  expect(judgeReplica({ ...healthy, inRecovery: false }, 0, 5)).toBe('not_a_replica')
  expect(judgeReplica({ reachable: false, error: 'ECONNREFUSED' }, 0, 5)).toBe('unreachable')
})
