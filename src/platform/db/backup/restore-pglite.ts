import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'
import { err, ok, type Result } from '../../result.ts'
import type { BackupError, BackupProgress } from './backup-errors.ts'
import { countTables, hasPgliteDatabase, isEmptyDir, lockDataDir, openPgliteFiles, pgliteDir } from './pglite-store.ts'

export type PgliteRestore = { readonly tables: number; readonly ms: number; readonly previous: string | null }

/**
 * Restores a data-directory tarball into DATA_DIR. The tarball is unpacked and opened in a
 * directory beside the live one first; only when that database opens and has its tables is it
 * swapped in. An existing database is replaced only with `replace`, and is kept as
 * `pg.replaced-<time>` (delete it once the restore is checked).
 */
export const restorePglite = async (o: {
  dataDir: string
  file: string
  replace: boolean
  now?: () => Date
  progress: BackupProgress
}): Promise<Result<PgliteRestore, BackupError>> => {
  const started = Date.now()
  const live = pgliteDir(o.dataDir)
  mkdirSync(resolve(o.dataDir), { recursive: true })
  const lock = lockDataDir(o.dataDir)
  if (!lock.ok) return lock
  const staging = resolve(o.dataDir, `pg.restoring-${process.pid}`)
  try {
    let existing = 0
    if (hasPgliteDatabase(live)) {
      const db = await openPgliteFiles(live)
      try {
        existing = await countTables(db)
      } finally {
        await db.close()
      }
    } else if (!isEmptyDir(live)) {
      return err({
        code: 'RESTORE_TARGET_NOT_EMPTY',
        tables: 0,
        message: `${live} holds files that are not a database; move them away first.`,
      })
    }
    if (existing > 0 && !o.replace) {
      return err({
        code: 'RESTORE_TARGET_NOT_EMPTY',
        tables: existing,
        message: `The embedded database in ${live} already has ${existing} tables; restoring replaces it. Run again with --yes to confirm (the current one is kept as pg.replaced-<time>).`,
      })
    }
    rmSync(staging, { recursive: true, force: true })
    o.progress(`unpacking ${o.file} into ${staging}`)
    const bytes = readFileSync(o.file)
    let tables = 0
    try {
      const db = await openPgliteFiles(staging, { loadDataDir: new Blob([bytes]) })
      try {
        tables = await countTables(db)
      } finally {
        await db.close()
      }
    } catch (e) {
      return err({ code: 'RESTORE_FILE_UNREADABLE', message: `${o.file} is not a usable PGlite data directory: ${(e as Error).message}` })
    }
    o.progress(`the restored database opens and has ${tables} tables; switching it in`)
    let previous: string | null = null
    if (existsSync(live)) {
      previous = resolve(o.dataDir, `pg.replaced-${(o.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`)
      if (existing > 0) renameSync(live, previous)
      else {
        rmSync(live, { recursive: true, force: true })
        previous = null
      }
    }
    renameSync(staging, live)
    return ok({ tables, ms: Date.now() - started, previous })
  } finally {
    rmSync(staging, { recursive: true, force: true })
    lock.value()
  }
}
