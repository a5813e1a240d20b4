import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createNotifications } from '../../src/modules/notifications/index.ts'
import type { Database } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { confirmationFor, newEmailId, testOptions, unwrap } from './fixtures.ts'

describe.each(engineKinds())('file sink on %s', (engine) => {
  let db: Database

  beforeAll(async () => {
    db = await createTestDatabase(engine)
  })
  afterAll(() => db?.close())

  test('without SMTP_URL the configured MAIL_DIR gets one readable .eml per e-mail', async () => {
    const options = testOptions()
    expect(options.transport.kind).toBe('file')
    const dir = options.transport.kind === 'file' ? options.transport.dir : ''
    const n = createNotifications({ db, clock: { now: () => new Date() }, newId: newEmailId }, options)
    const orderId = newId('ord')
    const { email } = unwrap(await n.enqueue(confirmationFor(orderId, 'kari@example.test', '<script>alert(1)</script>')))
    expect(await n.sendDue()).toMatchObject({ claimed: 1, sent: 1 })
    expect(readdirSync(dir)).toEqual([`${email.id}.eml`])

    const parsed = await simpleParser(readFileSync(join(dir, `${email.id}.eml`)))
    expect(parsed.messageId).toBe(email.message_id)
    expect(parsed.subject).toBe('Your Crest Test Shop order 1042 is confirmed')
    expect(parsed.from?.value).toEqual([{ name: 'Crest Test Shop', address: 'orders@shop.example' }])
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : []).toEqual([{ name: '', address: 'kari@example.test' }])
    expect(parsed.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,')
    expect(parsed.html).not.toContain('<script>')
    expect(parsed.text).toContain('Hi <script>alert(1)</script>,')
    expect(parsed.text).toContain('€44.88')
    await n.close()
  })
})
