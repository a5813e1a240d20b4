import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openPgliteFiles } from '../../src/platform/db/backup/pglite-store.ts'
import { startServe } from '../support/crest-process.ts'
import { snapshotTables } from '../support/table-snapshot.ts'

/**
 * `crest backup` / `crest restore` on the embedded store (PGlite under DATA_DIR), as real
 * processes: a seeded shop is backed up, restored into another DATA_DIR, and the two databases
 * hold the same rows in every table; a running crest keeps both commands off its files.
 */
const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

/** A crest command as a child process, without blocking this one (vitest keeps talking to its worker). */
const run = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [CREST, ...args], {
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', NATS_URL: '', LOG_LEVEL: 'warn', SEED_PRODUCTS: '0', ...env },
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

const snapshotOf = async (dataDir: string) => {
  const db = await openPgliteFiles(join(dataDir, 'pg'))
  try {
    return await snapshotTables((q) => db.query(q))
  } finally {
    await db.close()
  }
}

describe('crest backup and restore of the embedded database', () => {
  const root = mkdtempSync(join(tmpdir(), 'crest-embedded-backup-'))
  const shop = join(root, 'shop')
  const other = join(root, 'other')
  const file = join(root, 'shop.tar.gz')

  beforeAll(async () => {
    const seeded = await run(['seed', '--products', '15'], { DATA_DIR: shop })
    expect(seeded.code, seeded.out).toBe(0)
    const user = await run(['user', 'create', '--email', 'owner@example.test', '--password', 'correct horse battery', '--role', 'owner'], {
      DATA_DIR: shop,
    })
    expect(user.code, user.out).toBe(0)
  }, 180_000)

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  test('backs up a stopped store and restores it into an empty DATA_DIR with every row equal', async () => {
    const backup = await run(['backup', '--out', file], { DATA_DIR: shop })
    expect(backup.code, backup.out).toBe(0)
    expect(backup.out).toMatch(/Backed up the embedded database \(\d+ tables/)
    expect(existsSync(file)).toBe(true)

    const restore = await run(['restore', file], { DATA_DIR: other })
    expect(restore.code, restore.out).toBe(0)
    expect(restore.out).toMatch(/Restored \d+ tables/)
    expect(readdirSync(other).filter((f) => f.startsWith('pg.'))).toEqual([]) // no staging left behind

    const [a, b] = [await snapshotOf(shop), await snapshotOf(other)]
    expect([...b.keys()]).toEqual([...a.keys()])
    for (const [table, rows] of a) expect(b.get(table), table).toEqual(rows)
    expect(a.get('catalog.products')?.length).toBe(15)
    expect(a.get('staff.users')?.length).toBe(1)

    // the restored store is a working crest database
    const migrated = await run(['migrate'], { DATA_DIR: other })
    expect(migrated.code, migrated.out).toBe(0)
  }, 180_000)

  test('a database with tables is replaced only with --yes, and the replaced one is kept', async () => {
    // the store restored above, changed since: a database with tables of its own
    const target = other
    const db = await openPgliteFiles(join(target, 'pg'))
    await db.query(`update catalog.products set title = 'Changed after the restore'`)
    await db.close()
    const before = await snapshotOf(target)
    expect(before.get('catalog.products')).not.toEqual((await snapshotOf(shop)).get('catalog.products'))

    const refused = await run(['restore', file], { DATA_DIR: target })
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/already has \d+ tables.*--yes.*\[RESTORE_TARGET_NOT_EMPTY\]/s)
    expect((await snapshotOf(target)).get('catalog.products')).toEqual(before.get('catalog.products'))

    const replaced = await run(['restore', file, '--yes'], { DATA_DIR: target })
    expect(replaced.code, replaced.out).toBe(0)
    expect(replaced.out).toMatch(/kept in .*pg\.replaced-/)
    expect((await snapshotOf(target)).get('catalog.products')).toEqual((await snapshotOf(shop)).get('catalog.products'))
    expect(readdirSync(target).filter((f) => f.startsWith('pg.replaced-'))).toHaveLength(1)
  }, 180_000)

  test('a file that is not a usable backup changes nothing', async () => {
    const target = join(root, 'bad')
    const junk = join(root, 'junk.tar.gz')
    writeFileSync(junk, Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 7)]))
    const r = await run(['restore', junk], { DATA_DIR: target })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/not a usable PGlite data directory.*\[RESTORE_FILE_UNREADABLE\]/s)
    expect(existsSync(join(target, 'pg', 'PG_VERSION'))).toBe(false)
    expect(readdirSync(target).filter((f) => f.startsWith('pg.'))).toEqual([])

    const text = join(root, 'plain.sql')
    writeFileSync(text, '-- PostgreSQL database dump\n')
    const notBackup = await run(['restore', text], { DATA_DIR: target })
    expect(notBackup.code).toBe(2)
    expect(notBackup.out).toMatch(/is not a crest backup/)
    const wrongEngine = await run(['restore', file], { DATA_DIR: target, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })
    expect(wrongEngine.code).toBe(2)
    expect(wrongEngine.out).toMatch(/embedded-database backup: unset DATABASE_URL/)
    const nothing = await run(['backup', '--out', join(root, 'none.tar.gz')], { DATA_DIR: join(root, 'empty') })
    expect(nothing.code).toBe(1)
    expect(nothing.out).toMatch(/\[BACKUP_NO_DATABASE\]/)
  }, 120_000)

  test('neither command touches the files of a running crest', async () => {
    const serve = await startServe({ DATA_DIR: shop, DATABASE_URL: '', REDIS_URL: '', SEED_PRODUCTS: '0' }, 120_000)
    try {
      const backup = await run(['backup', '--out', join(root, 'while-running.tar.gz')], { DATA_DIR: shop })
      expect(backup.code).toBe(1)
      expect(backup.out).toMatch(/in use by process \d+.*only while Crest is stopped.*\[BACKUP_DATABASE_IN_USE\]/s)
      expect(existsSync(join(root, 'while-running.tar.gz'))).toBe(false)
      const restore = await run(['restore', file, '--yes'], { DATA_DIR: shop })
      expect(restore.code).toBe(1)
      expect(restore.out).toMatch(/\[BACKUP_DATABASE_IN_USE\]/)
      expect((await fetch(`${serve.url}/readyz`)).status).toBe(200)
    } finally {
      await serve.stop()
    }
  }, 180_000)
})
