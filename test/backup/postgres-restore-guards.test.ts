import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

/**
 * `crest restore` on PostgreSQL refuses what would hurt: replacing a database with tables without
 * --yes, replacing one that others are connected to, a broken file (nothing changes), and missing
 * client tools. With --yes and nobody connected, it puts the backup's data back.
 */
const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CREST, ...args], {
      env: { ...process.env, NATS_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn', SEED_PRODUCTS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, out })
    })
  })

const admin = async (sql: string) => {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}
const urlOf = (name: string) => {
  const u = new URL(process.env.DATABASE_URL as string)
  u.pathname = `/${name}`
  return u.toString()
}
const one = async (url: string, sql: string) => {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query(sql)).rows[0]
  } finally {
    await c.end()
  }
}

describe.runIf(Boolean(process.env.DATABASE_URL))('crest restore guards (PostgreSQL)', () => {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const [source, target, empty] = ['src', 'dst', 'empty'].map((n) => `crest_rg_${n}_${suffix}`) as [string, string, string]
  const dir = mkdtempSync(join(tmpdir(), 'crest-restore-guards-'))
  const file = join(dir, 'shop.dump')

  beforeAll(async () => {
    for (const db of [source, target, empty]) await admin(`create database ${db}`)
    const seeded = await run(['seed', '--products', '5'], { DATABASE_URL: urlOf(source) })
    expect(seeded.code, seeded.out).toBe(0)
    const backup = await run(['backup', '--out', file], { DATABASE_URL: urlOf(source) })
    expect(backup.code, backup.out).toBe(0)
  }, 180_000)

  afterAll(async () => {
    for (const db of [source, target, empty]) await admin(`drop database if exists ${db} with (force)`).catch(() => {})
    rmSync(dir, { recursive: true, force: true })
  })

  test('a database with tables is replaced only with --yes, and then holds the backup again', async () => {
    const first = await run(['restore', file], { DATABASE_URL: urlOf(target) })
    expect(first.code, first.out).toBe(0)
    await one(urlOf(target), `update catalog.products set title = 'changed after the backup'`)

    const refused = await run(['restore', file], { DATABASE_URL: urlOf(target) })
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/already has \d+ tables.*--yes.*\[RESTORE_TARGET_NOT_EMPTY\]/s)
    expect((await one(urlOf(target), `select count(*)::int as n from catalog.products where title = 'changed after the backup'`)).n).toBe(5)

    const replaced = await run(['restore', file, '--yes'], { DATABASE_URL: urlOf(target) })
    expect(replaced.code, replaced.out).toBe(0)
    expect(replaced.out).toMatch(/replacing \d+ tables/)
    expect((await one(urlOf(target), `select count(*)::int as n from catalog.products where title = 'changed after the backup'`)).n).toBe(0)
    expect((await one(urlOf(target), 'select count(*)::int as n from catalog.products')).n).toBe(5)
  }, 120_000)

  test('never while another session is connected to the database it would replace', async () => {
    const holder = new pg.Client({ connectionString: urlOf(target), application_name: 'still-running-crest' })
    await holder.connect()
    try {
      const r = await run(['restore', file, '--yes'], { DATABASE_URL: urlOf(target) })
      expect(r.code).toBe(1)
      expect(r.out).toMatch(/in use by 1 other session\(s\): still-running-crest.*\[RESTORE_TARGET_IN_USE\]/s)
    } finally {
      await holder.end()
    }
  }, 60_000)

  test('a broken file fails inside the one transaction: the empty database stays empty', async () => {
    const broken = join(dir, 'broken.dump')
    const whole = readFileSync(file)
    writeFileSync(broken, whole.subarray(0, Math.floor(whole.length * 0.6)))
    const r = await run(['restore', broken], { DATABASE_URL: urlOf(empty) })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/pg_restore failed.*Nothing was changed.*\[BACKUP_TOOL_FAILED\]/s)
    const tables = await one(
      urlOf(empty),
      `select count(*)::int as n from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
    )
    expect(tables.n).toBe(0)
  }, 60_000)

  test('missing client tools and the wrong kind of file are named clearly', async () => {
    const noTools = await run(['backup', '--out', join(dir, 'x.dump'), '--pg-bin-dir', join(dir, 'no-such-dir')], {
      DATABASE_URL: urlOf(source),
    })
    expect(noTools.code).toBe(1)
    expect(noTools.out).toMatch(/pg_dump was not found in .*no-such-dir.*\[BACKUP_TOOL_MISSING\]/s)
    const noRestoreTool = await run(['restore', file, '--pg-bin-dir', join(dir, 'no-such-dir')], { DATABASE_URL: urlOf(empty) })
    expect(noRestoreTool.code).toBe(1)
    expect(noRestoreTool.out).toMatch(/pg_restore was not found.*\[BACKUP_TOOL_MISSING\]/s)
    const noDatabase = await run(['restore', file], { DATABASE_URL: '', DATA_DIR: join(dir, 'data') })
    expect(noDatabase.code).toBe(2)
    expect(noDatabase.out).toMatch(/is a PostgreSQL backup \(pg_dump\): set DATABASE_URL/)
    const exists = await run(['backup', '--out', file], { DATABASE_URL: urlOf(source) })
    expect(exists.code).toBe(2)
    expect(exists.out).toMatch(/exists already/)
  }, 60_000)
})
