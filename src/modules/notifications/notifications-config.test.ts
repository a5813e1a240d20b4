import { expect, test } from 'vitest'
import {
  loadNotificationsConfig,
  NOTIFICATIONS_CONFIG_DEFAULTS,
  notificationsOptionsFromConfig,
  parseMailbox,
} from './notifications-config.ts'

const shared = { STORE_NAME: 'Crest Demo Store', PORT: 3000, DATA_DIR: './data' }

test('defaults: the file sink under DATA_DIR/mail, sender named after the store', () => {
  expect(NOTIFICATIONS_CONFIG_DEFAULTS.SMTP_URL).toBeUndefined()
  expect(NOTIFICATIONS_CONFIG_DEFAULTS).toMatchObject({
    MAIL_FROM: 'no-reply@crest.localhost',
    MAIL_MAX_ATTEMPTS: 8,
    MAIL_LEASE_MS: 120_000,
  })
  const o = notificationsOptionsFromConfig({ ...NOTIFICATIONS_CONFIG_DEFAULTS, ...shared })
  expect(o.transport).toEqual({ kind: 'file', dir: 'data/mail' })
  expect(o.from).toEqual({ name: 'Crest Demo Store', address: 'no-reply@crest.localhost' })
  expect(o.messageIdDomain).toBe('crest.localhost')
  expect(o.brand).toEqual({ storeName: 'Crest Demo Store', baseUrl: 'http://localhost:3000', locale: 'en-IE' })
})

test('SMTP_URL selects the pooled SMTP transport; MAIL_FROM with a name and PUBLIC_URL are used as given', () => {
  const c = loadNotificationsConfig({
    SMTP_URL: 'smtps://u:p@mail.example:465',
    MAIL_FROM: '"Shop, Inc." <Orders@Shop.Example>',
    SMTP_POOL_SIZE: '3',
  })
  const o = notificationsOptionsFromConfig({ ...c, ...shared, PUBLIC_URL: 'https://shop.example/' })
  expect(o.transport).toEqual({ kind: 'smtp', url: 'smtps://u:p@mail.example:465', poolSize: 3, timeoutMs: 20_000 })
  expect(o.from).toEqual({ name: 'Shop, Inc.', address: 'Orders@Shop.Example' })
  expect(o.messageIdDomain).toBe('shop.example')
  expect(o.brand.baseUrl).toBe('https://shop.example')
})

test('an empty SMTP_URL or MAIL_DIR counts as unset', () => {
  const c = loadNotificationsConfig({ SMTP_URL: '', MAIL_DIR: ' ' })
  expect([c.SMTP_URL, c.MAIL_DIR]).toEqual([undefined, undefined])
})

test('invalid settings fail, each named', () => {
  const bad = (env: Record<string, string>, name: string) => expect(() => loadNotificationsConfig(env)).toThrow(name)
  bad({ SMTP_URL: 'http://mail.example' }, 'SMTP_URL')
  bad({ MAIL_FROM: 'not an address' }, 'MAIL_FROM')
  bad({ MAIL_FROM: 'Shop <a@b.example>\r\nBcc: x@y.example' }, 'MAIL_FROM')
  bad({ MAIL_MAX_ATTEMPTS: '0' }, 'MAIL_MAX_ATTEMPTS')
  bad({ MAIL_RETRY_BASE_MS: '60000', MAIL_RETRY_MAX_MS: '1000' }, 'MAIL_RETRY_MAX_MS')
  bad({ SMTP_TIMEOUT_MS: '60000', MAIL_LEASE_MS: '120000' }, 'MAIL_LEASE_MS')
  bad({ MAIL_LOCALE: 'not a locale!' }, 'MAIL_LOCALE')
})

test('parses the mailbox forms MAIL_FROM accepts', () => {
  expect(parseMailbox('shop@example.com')).toEqual({ address: 'shop@example.com' })
  expect(parseMailbox('Shop <shop@example.com>')).toEqual({ name: 'Shop', address: 'shop@example.com' })
  expect(parseMailbox(' <shop@example.com> ')).toEqual({ address: 'shop@example.com' })
  expect(parseMailbox('Shop shop@example.com')).toBeNull()
})
