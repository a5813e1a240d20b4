import { expect, test } from 'vitest'
import type { Orm } from '../database.ts'
import type { ReplicaProbe } from './judge-replica.ts'
import { createReplicaChecker } from './replica-checker.ts'
import { type ReplicaNode, uncheckedState } from './replica-node.ts'

const scenario = () => {
  let now = 0
  let primary = 100n
  let probe: ReplicaProbe = { reachable: true, inRecovery: true, paused: false, replayed: 100n }
  const replica: ReplicaNode = { name: 'r1', orm: {} as Orm, probe: async () => probe, state: uncheckedState }
  const seen: string[] = []
  const check = createReplicaChecker({
    replicas: [replica],
    primaryPosition: async () => primary,
    maxLagSeconds: 2,
    now: () => now,
    onChecked: (r, previous) => seen.push(`${previous.reason}->${r.state.reason}`),
  })
  return {
    replica,
    seen,
    check,
    at: (ms: number) => {
      now = ms
    },
    primaryAt: (lsn: bigint) => {
      primary = lsn
    },
    replicaSays: (p: ReplicaProbe) => {
      probe = p
    },
  }
}

test('in rotation while caught up, however long the primary stays idle', async () => {
  const s = scenario()
  for (const t of [0, 10_000, 600_000]) {
    s.at(t)
    await s.check()
    expect(s.replica.state).toMatchObject({ inRotation: true, reason: 'ok', lagSeconds: 0, replayed: 100n })
  }
})

test('out when it has been behind the primary for longer than the bound; back once it catches up', async () => {
  const s = scenario()
  await s.check()
  s.at(1_000)
  s.primaryAt(200n) // the primary moves on; the replica stays at 100
  await s.check()
  expect(s.replica.state).toMatchObject({ inRotation: true, lagSeconds: 0 })
  s.at(2_500)
  await s.check()
  expect(s.replica.state).toMatchObject({ inRotation: true, lagSeconds: 1.5 })
  s.at(3_500)
  await s.check()
  expect(s.replica.state).toMatchObject({ inRotation: false, reason: 'lagging', lagSeconds: 2.5 })
  s.replicaSays({ reachable: true, inRecovery: true, paused: false, replayed: 200n })
  s.at(4_000)
  await s.check()
  expect(s.replica.state).toMatchObject({ inRotation: true, reason: 'ok', lagSeconds: 0 })
  expect(s.seen).toEqual(['unchecked->ok', 'ok->ok', 'ok->ok', 'ok->lagging', 'lagging->ok'])
})

test('unreachable or paused: out at once; an unreachable one keeps ageing from what it had replayed', async () => {
  const s = scenario()
  await s.check()
  s.replicaSays({ reachable: true, inRecovery: true, paused: true, replayed: 100n })
  await s.check()
  expect(s.replica.state).toMatchObject({ inRotation: false, reason: 'paused' })
  s.replicaSays({ reachable: false, error: 'ECONNREFUSED' })
  s.primaryAt(300n)
  s.at(5_000)
  await s.check()
  s.at(9_000)
  await s.check()
  expect(s.replica.state).toMatchObject({ inRotation: false, reason: 'unreachable', lagSeconds: 4, replayed: 100n })
})
