import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { err, ok, type Result } from '../../result.ts'
import type { BackupError, BackupProgress } from './backup-errors.ts'
import { countTables, hasPgliteDatabase, lockDataDir, openPgliteFiles, pgliteDir } from './pglite-store.ts'

export type PgliteBackup = { readonly file: string; readonly bytes: number; readonly tables: number; readonly ms: number }

/**
 * The embedded database's whole data directory as a gzipped tarball (PGlite's dumpDataDir), taken
 * while no crest process runs on it: the DATA_DIR lock is held from start to end.
 */
export const backupPglite = async (o: {
  dataDir: string
  file: string
  progress: BackupProgress
}): Promise<Result<PgliteBackup, BackupError>> => {
  const started = Date.now()
  const dir = pgliteDir(o.dataDir)
  if (!hasPgliteDatabase(dir)) {
    return err({
      code: 'BACKUP_NO_DATABASE',
      message: `There is no embedded database in ${dir}. Set DATA_DIR to the directory crest runs with, or DATABASE_URL for PostgreSQL.`,
    })
  }
  const lock = lockDataDir(o.dataDir)
  if (!lock.ok) return lock
  const partial = `${o.file}.partial`
  try {
    o.progress(`opening the embedded database in ${dir}`)
    const db = await openPgliteFiles(dir)
    let tables = 0
    try {
      tables = await countTables(db)
      o.progress(`writing ${tables} tables as a data-directory tarball → ${o.file}`)
      const blob = await db.dumpDataDir('gzip')
      writeFileSync(partial, Buffer.from(await blob.arrayBuffer()))
    } finally {
      await db.close()
    }
    renameSync(partial, o.file)
    return ok({ file: o.file, bytes: statSync(o.file).size, tables, ms: Date.now() - started })
  } finally {
    rmSync(partial, { force: true })
    lock.value()
  }
}
