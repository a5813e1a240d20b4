import { expect, test } from 'vitest'
import type { Database, Orm } from '../database.ts'
import { REPORT_READS } from '../read-pool.ts'
import { localFloors } from './floor-store.ts'
import type { Lsn } from './lsn.ts'
import { withReadContext } from './read-context.ts'
import { type ReplicaNode, uncheckedState } from './replica-node.ts'
import { createReplicaReads } from './replica-reads.ts'

// stand-ins for connection pools: each "orm" only says which server it is
const orm = (name: string, walLsn = '0/0') => ({ name, execute: async () => ({ rows: [{ lsn: walLsn }] }) }) as unknown as Orm
const serverOf = async (db: unknown) => (db as { name: string }).name

const setup = (o: { replayed?: Lsn; inRotation?: boolean; nowReplayed?: Lsn; primaryLsn?: string } = {}) => {
  const primary = { orm: orm('primary', o.primaryLsn ?? '0/0') } as unknown as Database
  const replica: ReplicaNode = {
    name: 'r1',
    orm: orm('r1'),
    probe: async () => ({ reachable: false, error: 'unused' }),
    state: { ...uncheckedState, inRotation: o.inRotation ?? true, reason: 'ok', replayed: o.replayed ?? 0x100n },
  }
  const asked: string[] = []
  const reads = createReplicaReads({
    primary,
    replicas: [replica],
    floors: localFloors(),
    replayedNow: async (r) => {
      asked.push(r.name)
      return o.nowReplayed
    },
    onReadError: () => {},
  })
  return { reads, replica, asked }
}

test('a read with nothing to wait for goes to a replica in rotation', async () => {
  const { reads } = setup()
  expect(await reads.read('catalog', serverOf)).toBe('r1')
})

test('no replica in rotation: the primary', async () => {
  const { reads } = setup({ inRotation: false })
  expect(await reads.read('catalog', serverOf)).toBe('primary')
})

test('after a change, a replica serves the scope only once it has replayed it (asking it when unsure)', async () => {
  const behind = setup({ replayed: 0x100n, nowReplayed: 0x1ffn, primaryLsn: '0/200' })
  await behind.reads.changed('catalog')
  expect(await behind.reads.read('catalog', serverOf)).toBe('primary')
  expect(behind.asked).toEqual(['r1'])
  expect(await behind.reads.read('other-scope', serverOf)).toBe('r1')

  const caughtUp = setup({ replayed: 0x100n, nowReplayed: 0x200n, primaryLsn: '0/200' })
  await caughtUp.reads.changed('catalog')
  expect(await caughtUp.reads.read('catalog', serverOf)).toBe('r1')
  expect(caughtUp.replica.state.replayed).toBe(0x200n)
  expect(await caughtUp.reads.read('catalog', serverOf)).toBe('r1')
  expect(caughtUp.asked).toEqual(['r1']) // known now: not asked again
})

test("the caller's own write position is honoured; staff reads go to the primary", async () => {
  const { reads } = setup({ replayed: 0x100n, nowReplayed: 0x100n })
  expect(await withReadContext({ after: 0x100n }, () => reads.read('catalog', serverOf))).toBe('r1')
  expect(await withReadContext({ after: 0x101n }, () => reads.read('catalog', serverOf))).toBe('primary')
  expect(await withReadContext({ primary: true }, () => reads.read('catalog', serverOf))).toBe('primary')
})

test('a replica failing a read is taken out and the read runs on the primary', async () => {
  const { reads, replica } = setup()
  const run = async (db: unknown) => {
    if ((await serverOf(db)) === 'r1') throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    return 'primary'
  }
  expect(await reads.read('catalog', run)).toBe('primary')
  expect(replica.state.inRotation).toBe(false)
})

test('a query error on a replica is retried on the primary but keeps the replica in rotation', async () => {
  const { reads, replica } = setup()
  const run = async (db: unknown) => {
    if ((await serverOf(db)) === 'r1')
      throw Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' })
    return 'primary'
  }
  expect(await reads.read('catalog', run)).toBe('primary')
  expect(replica.state.inRotation).toBe(true)
})

test('reports take any replica in rotation, whatever the floor, the caller wrote or who asks', async () => {
  const { reads } = setup({ replayed: 0x100n, nowReplayed: 0x100n, primaryLsn: '0/900' })
  await reads.changed(REPORT_READS)
  await withReadContext({ primary: true, after: 0x800n }, async () => {
    expect(await reads.read(REPORT_READS, serverOf)).toBe('r1')
    expect(await reads.read('catalog', serverOf)).toBe('primary')
  })
  expect(await setup({ inRotation: false }).reads.read(REPORT_READS, serverOf)).toBe('primary')
})
