import { describe, expect, test } from 'vitest'
import { detectBackupFormat } from './backup-format.ts'

describe('detectBackupFormat', () => {
  test('pg_dump custom format starts with PGDMP', () => {
    expect(detectBackupFormat(Buffer.from('PGDMP\x01\x0e\x00'))).toBe('pg_dump')
  })
  test('a gzip stream is a PGlite data-directory tarball', () => {
    expect(detectBackupFormat(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]))).toBe('pglite')
  })
  test('anything else (a plain SQL dump, an empty file) is neither', () => {
    expect(detectBackupFormat(Buffer.from('-- PostgreSQL database dump'))).toBeNull()
    expect(detectBackupFormat(new Uint8Array())).toBeNull()
    expect(detectBackupFormat(Buffer.from('PGD'))).toBeNull()
  })
})
