import { describe, expect, test } from 'vitest'
import { findPgTool, libpqConnection } from './pg-tools.ts'

describe('libpqConnection', () => {
  test('moves the password out of the URL into PGPASSWORD (so it does not show in ps)', () => {
    const c = libpqConnection('postgres://crest:s3cr%40t@db.internal:5432/shop?sslmode=require')
    expect(c.dbname).toBe('postgres://crest@db.internal:5432/shop?sslmode=require')
    expect(c.env).toEqual({ PGPASSWORD: 's3cr@t' })
  })
  test('a URL without a password is passed as it is', () => {
    expect(libpqConnection('postgres://postgres@127.0.0.1:5432/test')).toEqual({
      dbname: 'postgres://postgres@127.0.0.1:5432/test',
      env: {},
    })
  })
})

describe('findPgTool', () => {
  test('a directory without the tool is a BACKUP_TOOL_MISSING that says where it looked and what to install', () => {
    const r = findPgTool('pg_dump', '/nonexistent/bin')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('BACKUP_TOOL_MISSING')
      expect(r.error.message).toMatch(/pg_dump was not found in \/nonexistent\/bin.*postgresql-client/)
    }
  })
})
