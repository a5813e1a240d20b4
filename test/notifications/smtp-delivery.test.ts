import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createNotifications, type NotificationsApi } from '../../src/modules/notifications/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { openPostgres } from '../../src/platform/db/open-postgres.ts'
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink-process.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { confirmationFor, manualClock, newEmailId, testOptions, unwrap } from './fixtures.ts'

/** How often the sink received each Message-ID (of the ones asked about). */
const receivedPer = (sink: SmtpSink, messageIds: readonly string[]) => {
  const wanted = new Set(messageIds)
  const counts = new Map<string, number>()
  for (const m of sink.messages()) if (m.messageId && wanted.has(m.messageId)) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1)
  return counts
}

const drain = async (n: NotificationsApi, limit: number): Promise<number> => {
  let claimed = 0
  for (;;) {
    const r = await n.sendDue({ limit })
    if (r.claimed === 0) return claimed
    claimed += r.claimed
  }
}

describe.each(engineKinds())('SMTP delivery to a real SMTP server process, on %s', (engine) => {
  let db: Database & { url?: string }
  let sink: SmtpSink
  const tag = randomBytes(3).toString('hex') // addresses unique to this run (the sink counts tries per address)

  beforeAll(async () => {
    ;[db, sink] = await Promise.all([createTestDatabase(engine), startSmtpSink()])
  })
  afterAll(async () => {
    await sink?.stop()
    await db?.close()
  })

  const smtpOn = (database: Database, clock: { now: () => Date } = { now: () => new Date() }) =>
    createNotifications(
      { db: database, clock, newId: newEmailId, random: () => 1 },
      testOptions({ SMTP_URL: sink.url, SMTP_TIMEOUT_MS: 5_000, MAIL_CONCURRENCY: 4 }),
    )

  test('one message per enqueued notification, even when each is enqueued three times', async () => {
    const n = smtpOn(db)
    const emails = []
    for (let i = 0; i < 20; i++) {
      const input = confirmationFor(newId('ord'), `buyer${i}-${tag}@example.test`)
      const first = unwrap(await n.enqueue(input))
      unwrap(await n.enqueue(input))
      unwrap(await n.enqueue(input))
      emails.push(first.email)
    }
    expect(await drain(n, 50)).toBe(20)
    await n.close()

    const counts = receivedPer(
      sink,
      emails.map((e) => e.message_id),
    )
    expect(counts.size).toBe(20)
    expect([...counts.values()].every((c) => c === 1)).toBe(true)
    const received = sink.messages().filter((m) => m.to.some((t) => t.endsWith(`-${tag}@example.test`) && t.startsWith('buyer')))
    expect(received).toHaveLength(20)
    expect(new Set(received.map((m) => m.to[0])).size).toBe(20)
    expect(received[0]).toMatchObject({ from: 'orders@shop.example', subject: 'Your Crest Test Shop order 1042 is confirmed' })
  })

  test('a temporary refusal (451) is retried and delivered once; a permanent one (550) fails without a retry', async () => {
    const clock = manualClock()
    const n = smtpOn(db, clock)
    const busy = unwrap(await n.enqueue(confirmationFor(newId('ord'), `busy2-${tag}@example.test`))).email
    const refused = unwrap(await n.enqueue(confirmationFor(newId('ord'), `reject-${tag}@example.test`))).email

    expect(await n.sendDue()).toMatchObject({ claimed: 2, retrying: 1, failed: 1 })
    expect(unwrap(await n.getEmail(refused.id))).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringContaining('550'),
    })
    expect(unwrap(await n.getEmail(busy.id))).toMatchObject({ status: 'queued', attempts: 1, last_error: expect.stringContaining('451') })
    clock.advance(1_000)
    expect(await n.sendDue()).toMatchObject({ claimed: 1, retrying: 1 })
    clock.advance(2_000)
    expect(await n.sendDue()).toMatchObject({ claimed: 1, sent: 1 })
    expect(unwrap(await n.getEmail(busy.id))).toMatchObject({ status: 'sent', attempts: 3 })
    await n.close()

    expect(receivedPer(sink, [busy.message_id, refused.message_id])).toEqual(new Map([[busy.message_id, 1]]))
  })

  test('two module instances (two database connections on PostgreSQL) sending at once deliver each e-mail once', async () => {
    const second = db.url ? await openPostgres(db.url, 10) : db // PGlite is one process: two instances share it
    const a = smtpOn(db)
    const b = smtpOn(second)
    const emails = []
    for (let i = 0; i < 60; i++) emails.push(unwrap(await a.enqueue(confirmationFor(newId('ord'), `race${i}-${tag}@example.test`))).email)

    const [byA, byB] = await Promise.all([drain(a, 5), drain(b, 5)])
    await Promise.all([a.close(), b.close()])
    if (second !== db) await second.close()

    expect(byA + byB).toBe(60)
    if (engine === 'postgres') expect(Math.min(byA, byB)).toBeGreaterThan(0)
    const counts = receivedPer(
      sink,
      emails.map((e) => e.message_id),
    )
    expect(counts.size).toBe(60)
    expect([...counts.entries()].filter(([, c]) => c !== 1)).toEqual([])
    for (const e of emails) expect(unwrap(await a.getEmail(e.id))).toMatchObject({ status: 'sent', attempts: 1 })
  })
})
