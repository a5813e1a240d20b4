import { expect, test } from 'vitest'
import { formatLsn, maxLsn, parseLsn } from './lsn.ts'

test('parses the text form into a number that orders like the WAL', () => {
  expect(parseLsn('0/0')).toBe(0n)
  expect(parseLsn('0/16B3748')).toBe(0x16b3748n)
  expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n)
  expect((parseLsn('1/0') as bigint) > (parseLsn('0/FFFFFFFF') as bigint)).toBe(true)
})

test('round-trips through the text form PostgreSQL accepts', () => {
  for (const text of ['0/0', '0/16B3748', '16/B374D848', 'FFFFFFFF/FFFFFFFF']) expect(formatLsn(parseLsn(text) as bigint)).toBe(text)
})

test('rejects anything that is not an LSN', () => {
  for (const bad of [undefined, null, '', '16', '16/', '/1', 'x/1', '1/2/3', '123456789/0', "0/1'; drop table x"]) {
    expect(parseLsn(bad)).toBeUndefined()
  }
})

test('maxLsn picks the later position', () => {
  expect(maxLsn(3n, 5n)).toBe(5n)
  expect(maxLsn(5n, 3n)).toBe(5n)
})
