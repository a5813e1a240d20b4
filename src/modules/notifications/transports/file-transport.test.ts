import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import { expect, test } from 'vitest'
import { fileTransport } from './file-transport.ts'
import type { OutgoingMail } from './mail-transport.ts'

const mail = (o: Partial<OutgoingMail> = {}): OutgoingMail => ({
  id: 'mail_01abc',
  messageId: '<mail_01abc@shop.example>',
  from: { name: 'Crest, "Test" Shop', address: 'orders@shop.example' },
  to: 'kari@example.test',
  subject: 'Your order 1042 – confirmed',
  text: 'Hello Kari,\nthanks.',
  html: '<p>Hello &lt;Kari&gt;</p>',
  ...o,
})

test('writes one readable .eml per message, named by its id, with no temporary file left', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'crest-eml-')), 'mail') // created on first send
  const t = fileTransport({ dir })
  await t.send(mail())
  expect(readdirSync(dir)).toEqual(['mail_01abc.eml'])
  const parsed = await simpleParser(readFileSync(join(dir, 'mail_01abc.eml')))
  expect(parsed.messageId).toBe('<mail_01abc@shop.example>')
  expect(parsed.subject).toBe('Your order 1042 – confirmed')
  expect(parsed.from?.value).toEqual([{ name: 'Crest, "Test" Shop', address: 'orders@shop.example' }])
  expect(parsed.text?.trim()).toBe('Hello Kari,\nthanks.')
  expect(parsed.html).toContain('<p>Hello &lt;Kari&gt;</p>')
  await t.close()
})

test('sending the same row again overwrites its file instead of adding a copy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'crest-eml-'))
  const t = fileTransport({ dir })
  await t.send(mail({ subject: 'first' }))
  await t.send(mail({ subject: 'second' }))
  await t.send(mail({ id: 'mail_02def', messageId: '<mail_02def@shop.example>' }))
  expect(readdirSync(dir).sort()).toEqual(['mail_01abc.eml', 'mail_02def.eml'])
  expect((await simpleParser(readFileSync(join(dir, 'mail_01abc.eml')))).subject).toBe('second')
})

test('an id that cannot be a file name is refused for good', async () => {
  const t = fileTransport({ dir: mkdtempSync(join(tmpdir(), 'crest-eml-')) })
  await expect(t.send(mail({ id: '../escape' }))).rejects.toMatchObject({ code: 'NOTIFICATIONS_SEND_FAILED', permanent: true })
})
