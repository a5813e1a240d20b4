import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import type { BackupError } from '../platform/db/backup/backup-errors.ts'
import { detectBackupFormat, readFileHead } from '../platform/db/backup/backup-format.ts'
import { backupPglite } from '../platform/db/backup/backup-pglite.ts'
import { backupPostgres } from '../platform/db/backup/backup-postgres.ts'
import { restorePglite } from '../platform/db/backup/restore-pglite.ts'
import { restorePostgres } from '../platform/db/backup/restore-postgres.ts'
import type { Result } from '../platform/result.ts'
import { readConfig } from './boot.ts'

export const BACKUP_USAGE = 'crest backup [--out FILE] [--pg-bin-dir DIR]'
export const RESTORE_USAGE = 'crest restore FILE [--yes] [--pg-bin-dir DIR]'

type Fail = (message: string) => never

const say = (line: string) => process.stdout.write(`${line}\n`)

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`

/** Prints the operator's error (with its code) and exits 1. */
const orExit = <T>(r: Result<T, BackupError>): T => {
  if (r.ok) return r.value
  process.stderr.write(`crest: ${r.error.message} [${r.error.code}]\n`)
  process.exit(1)
}

const stamp = (d = new Date()) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')

/**
 * `crest backup`: PostgreSQL (DATABASE_URL) through pg_dump's custom format, a consistent snapshot
 * even under load; the embedded database (DATA_DIR) as a data-directory tarball, while crest is stopped.
 */
export const backupCommand = async (args: string[], fail: Fail): Promise<void> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, 'pg-bin-dir': { type: 'string' } },
  })
  if (positionals.length > 0) fail(`Usage: ${BACKUP_USAGE}`)
  const config = readConfig()
  const binDir = values['pg-bin-dir']
  if (config.DATABASE_URL) {
    const name = new URL(config.DATABASE_URL).pathname.slice(1) || 'postgres'
    const file = resolve(values.out ?? `crest-${name}-${stamp()}.dump`)
    if (existsSync(file)) fail(`${file} exists already; choose another --out`)
    const r = orExit(await backupPostgres({ url: config.DATABASE_URL, file, ...(binDir && { binDir }), progress: say }))
    say(`Backed up ${r.tables} tables (${mib(r.bytes)}) in ${(r.ms / 1000).toFixed(1)} s to ${r.file}`)
    say(`Restore with: DATABASE_URL=… crest restore ${r.file}`)
    return
  }
  const file = resolve(values.out ?? `crest-embedded-${stamp()}.tar.gz`)
  if (existsSync(file)) fail(`${file} exists already; choose another --out`)
  const r = orExit(await backupPglite({ dataDir: config.DATA_DIR, file, progress: say }))
  say(`Backed up the embedded database (${r.tables} tables, ${mib(r.bytes)}) in ${(r.ms / 1000).toFixed(1)} s to ${r.file}`)
  say(`Restore with: DATA_DIR=… crest restore ${r.file}`)
}

/** Asks on a terminal; anywhere else (scripts, CI) the answer is no and --yes is needed. */
const confirm = async (question: string): Promise<boolean> => {
  if (!process.stdin.isTTY || !process.stdout.isTTY) return false
  const rl = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await rl.question(`${question} Type "yes" to go on: `)).trim().toLowerCase() === 'yes'
  } finally {
    rl.close()
  }
}

/**
 * `crest restore FILE`: into DATABASE_URL (a pg_dump file) or DATA_DIR (an embedded tarball). A
 * database that already has tables is replaced only after a confirmation or with --yes.
 */
export const restoreCommand = async (args: string[], fail: Fail): Promise<void> => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { yes: { type: 'boolean', short: 'y' }, 'pg-bin-dir': { type: 'string' } },
  })
  if (positionals.length !== 1) fail(`Usage: ${RESTORE_USAGE}`)
  const file = resolve(positionals[0] as string)
  if (!existsSync(file)) fail(`${file} does not exist`)
  const format = detectBackupFormat(readFileHead(file))
  if (!format) fail(`${file} is not a crest backup (neither pg_dump's custom format nor an embedded-database tarball)`)
  const config = readConfig()
  const binDir = values['pg-bin-dir']
  if (format === 'pg_dump' && !config.DATABASE_URL) {
    fail(`${file} is a PostgreSQL backup (pg_dump): set DATABASE_URL to the database to restore it into.`)
  }
  if (format === 'pglite' && config.DATABASE_URL) {
    fail(
      `${file} is an embedded-database backup: unset DATABASE_URL and set DATA_DIR to restore it (to move a shop to PostgreSQL, see docs/backups.md).`,
    )
  }
  const run = (replace: boolean) =>
    format === 'pg_dump'
      ? restorePostgres({ url: config.DATABASE_URL as string, file, replace, ...(binDir && { binDir }), progress: say })
      : restorePglite({ dataDir: config.DATA_DIR, file, replace, progress: say })
  let r = await run(Boolean(values.yes))
  if (
    !r.ok &&
    r.error.code === 'RESTORE_TARGET_NOT_EMPTY' &&
    !values.yes &&
    (await confirm(r.error.message.replace(/ Run again with --yes.*$/, '')))
  ) {
    r = await run(true)
  }
  const done = orExit<{ tables: number; ms: number }>(r)
  const previous = 'previous' in done && done.previous ? ` (the database it replaced is kept in ${done.previous})` : ''
  say(`Restored ${done.tables} tables in ${(done.ms / 1000).toFixed(1)} s from ${file}${previous}`)
}
