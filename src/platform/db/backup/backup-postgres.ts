import { renameSync, rmSync, statSync } from 'node:fs'
import pg from 'pg'
import { err, ok, type Result } from '../../result.ts'
import type { BackupError, BackupProgress } from './backup-errors.ts'
import { findPgTool, libpqConnection, runPgTool } from './pg-tools.ts'

export type PostgresBackup = {
  readonly file: string
  readonly bytes: number
  readonly tables: number
  readonly ms: number
  readonly serverVersion: string
}

const serverVersion = async (url: string): Promise<Result<{ version: string; major: number }, BackupError>> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'crest-backup' })
  try {
    await client.connect()
    const r = await client.query<{ server_version: string }>('show server_version')
    const version = r.rows[0]?.server_version ?? 'unknown'
    return ok({ version, major: Number.parseInt(version, 10) })
  } catch (e) {
    return err({ code: 'BACKUP_NO_DATABASE', message: `Cannot reach the database: ${(e as Error).message}` })
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * A consistent snapshot of a PostgreSQL database in pg_dump's custom format: pg_dump reads every
 * table in one repeatable-read transaction, so the file is the database as of one instant even
 * while orders keep coming in. Written to `<file>.partial` and renamed when complete.
 */
export const backupPostgres = async (o: {
  url: string
  file: string
  binDir?: string
  progress: BackupProgress
}): Promise<Result<PostgresBackup, BackupError>> => {
  const started = Date.now()
  const tool = findPgTool('pg_dump', o.binDir)
  if (!tool.ok) return tool
  const server = await serverVersion(o.url)
  if (!server.ok) return server
  if (tool.value.major < server.value.major) {
    return err({
      code: 'BACKUP_TOOL_MISSING',
      message: `pg_dump ${tool.value.version} cannot dump a PostgreSQL ${server.value.version} server: install the client tools of version ${server.value.major} or newer, or pass --pg-bin-dir.`,
    })
  }
  o.progress(`pg_dump ${tool.value.version} → ${o.file} (PostgreSQL ${server.value.version}, custom format, one consistent snapshot)`)
  const { dbname, env } = libpqConnection(o.url)
  const partial = `${o.file}.partial`
  let tables = 0
  const ran = await runPgTool(
    tool.value.path,
    ['--format=custom', '--verbose', '--no-password', `--file=${partial}`, `--dbname=${dbname}`],
    env,
    (line) => {
      const m = /dumping contents of table "([^"]+)"/.exec(line)
      if (!m) return null
      tables++
      return `  table ${m[1]}`
    },
    o.progress,
  )
  if (!ran.ok) {
    rmSync(partial, { force: true })
    return ran
  }
  renameSync(partial, o.file)
  return ok({ file: o.file, bytes: statSync(o.file).size, tables, ms: Date.now() - started, serverVersion: server.value.version })
}
