import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'
import { describe, expect, test } from 'vitest'
import { freePort } from '../support/crest-process.ts'
import { createTestDatabase } from '../support/test-database.ts'
import { appendTestEvents, rowCount, testNatsOptions, waitFor } from './bus-fixture.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

/** Starts `crest worker` as a real process and waits until its /readyz answers 200. */
const startWorker = async (env: Record<string, string>) => {
  const port = await freePort()
  const child = spawn(process.execPath, [CREST, 'worker'], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env, WORKER_PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  await waitFor(
    'the worker to be ready',
    async () => {
      if (child.exitCode !== null) throw new Error(`crest worker exited early (${child.exitCode}):\n${out}`)
      return fetch(`${url}/readyz`).then(
        (r) => r.status,
        () => 0,
      )
    },
    (s) => s === 200,
    60_000,
  )
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode)
      child.once('exit', (code) => resolve(code))
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref()
    })
  return { url, stop, output: () => out }
}

describe('the crest worker command', () => {
  test('on the embedded database it answers health checks and drains on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'crest-worker-'))
    try {
      const w = await startWorker({ DATA_DIR: dataDir, DATABASE_URL: '', NATS_URL: '' })
      expect((await fetch(`${w.url}/healthz`)).status).toBe(200)
      expect(w.output()).toContain('"transport":"embedded"')
      expect(await w.stop()).toBe(0)
      expect(w.output()).not.toContain('"level":50')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test.skipIf(!process.env.DATABASE_URL || !process.env.NATS_URL)('on PostgreSQL with NATS it relays the outbox to JetStream', async () => {
    const db = await createTestDatabase('postgres')
    const nats = testNatsOptions()
    const nc = await connect({ servers: nats.url })
    try {
      const w = await startWorker({
        DATABASE_URL: db.url as string,
        NATS_URL: nats.url,
        NATS_STREAM: nats.stream,
        NATS_SUBJECT_PREFIX: nats.subjectPrefix,
      })
      expect(w.output()).toContain('"transport":"nats"')
      await appendTestEvents(db, 'orders.order_placed.v1', 10)
      await waitFor(
        'the relay',
        () => rowCount(db, 'platform.outbox where published_at is null'),
        (n) => n === 0,
      )
      expect((await (await jetstreamManager(nc)).streams.info(nats.stream)).state.messages).toBe(10)
      expect(await w.stop()).toBe(0)
      expect(w.output()).not.toContain('"level":50')
    } finally {
      await (await jetstreamManager(nc)).streams.delete(nats.stream).catch(() => {})
      await nc.close()
      await db.close()
    }
  })
})
