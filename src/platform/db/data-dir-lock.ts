import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../app-error.ts'

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The embedded database is single-process: a second process opening the same files would
 * corrupt them. A pid file makes that mistake a clear error instead.
 */
export const acquireDataDirLock = (dataDir: string): (() => void) => {
  const file = join(dataDir, 'crest.pid')
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' })
  } catch {
    const holder = Number(readFileSync(file, 'utf8'))
    if (holder !== process.pid && Number.isInteger(holder) && isAlive(holder)) {
      throw new AppError(
        'DB_DATA_DIR_IN_USE',
        `The embedded database in ${dataDir} is in use by process ${holder}. Stop it first, or set DATABASE_URL to share a PostgreSQL server between processes.`,
      )
    }
    writeFileSync(file, String(process.pid))
  }
  return () => rmSync(file, { force: true })
}
