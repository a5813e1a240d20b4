import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite, type PGliteOptions } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { AppError } from '../../app-error.ts'
import { acquireDataDirLock } from '../data-dir-lock.ts'
import { err, ok, type Result } from '../../result.ts'
import type { BackupError } from './backup-errors.ts'

/** Where the embedded database keeps its files under DATA_DIR (as open-pglite.ts does). */
export const pgliteDir = (dataDir: string) => resolve(dataDir, 'pg')

export const hasPgliteDatabase = (dir: string) => existsSync(resolve(dir, 'PG_VERSION'))

export const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0

/** Opens PGlite files with the extensions Crest uses. */
export const openPgliteFiles = (dir: string, extra: Partial<PGliteOptions> = {}) =>
  PGlite.create(dir, { extensions: { pg_trgm }, ...extra })

/**
 * Takes the DATA_DIR lock that a running crest holds (data-dir-lock.ts), so that no backup or
 * restore reads or writes files a live process is changing. The lock is released by the returned function.
 */
export const lockDataDir = (dataDir: string): Result<() => void, BackupError> => {
  try {
    return ok(acquireDataDirLock(resolve(dataDir)))
  } catch (e) {
    if (e instanceof AppError && e.code === 'DB_DATA_DIR_IN_USE') {
      return err({
        code: 'BACKUP_DATABASE_IN_USE',
        message: `${e.message.split('. ')[0]}. The embedded database can be backed up or restored only while Crest is stopped: stop that process and run this again.`,
      })
    }
    throw e
  }
}

export const countTables = async (db: PGlite): Promise<number> => {
  const r = await db.query<{ n: number }>(
    `select count(*)::int as n from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
  )
  return r.rows[0]?.n ?? 0
}
