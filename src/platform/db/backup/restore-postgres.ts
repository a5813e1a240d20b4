import pg from 'pg'
import { err, ok, type Result } from '../../result.ts'
import type { BackupError, BackupProgress } from './backup-errors.ts'
import { findPgTool, libpqConnection, runPgTool } from './pg-tools.ts'

export type PostgresTarget = { readonly tables: number; readonly otherSessions: readonly string[]; readonly database: string }

/** How many tables the target already has, and who else is connected to it. */
export const inspectPostgresTarget = async (url: string): Promise<Result<PostgresTarget, BackupError>> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'crest-restore' })
  try {
    await client.connect()
    const t = await client.query<{ n: number; db: string }>(
      `select count(*)::int as n, current_database() as db from pg_catalog.pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') and schemaname not like 'pg\\_toast%'`,
    )
    const s = await client.query<{ who: string }>(
      `select coalesce(nullif(application_name, ''), 'unnamed') || ' (pid ' || pid || ')' as who from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    )
    return ok({ tables: t.rows[0]?.n ?? 0, database: t.rows[0]?.db ?? '', otherSessions: s.rows.map((r) => r.who) })
  } catch (e) {
    return err({ code: 'RESTORE_FILE_UNREADABLE', message: `Cannot reach the target database: ${(e as Error).message}` })
  } finally {
    await client.end().catch(() => {})
  }
}

/**
 * Restores a pg_dump custom-format file into the database at `url`, in ONE transaction: it either
 * all lands or nothing changes. A database that already has tables is only overwritten with
 * `replace` (its objects that are in the backup are dropped first), and never while other
 * sessions are connected to it (stop the Crest processes first).
 */
export const restorePostgres = async (o: {
  url: string
  file: string
  replace: boolean
  binDir?: string
  progress: BackupProgress
}): Promise<Result<{ readonly tables: number; readonly ms: number; readonly replaced: boolean }, BackupError>> => {
  const started = Date.now()
  const tool = findPgTool('pg_restore', o.binDir)
  if (!tool.ok) return tool
  const target = await inspectPostgresTarget(o.url)
  if (!target.ok) return target
  const { tables, otherSessions, database } = target.value
  if (tables > 0 && !o.replace) {
    return err({
      code: 'RESTORE_TARGET_NOT_EMPTY',
      tables,
      message: `Database "${database}" already has ${tables} tables; restoring replaces their contents. Run again with --yes to confirm, or restore into an empty database.`,
    })
  }
  if (tables > 0 && otherSessions.length > 0) {
    return err({
      code: 'RESTORE_TARGET_IN_USE',
      message: `Database "${database}" is in use by ${otherSessions.length} other session(s): ${otherSessions.slice(0, 5).join(', ')}. Stop every crest process using it first.`,
    })
  }
  o.progress(
    `pg_restore ${tool.value.version} ← ${o.file} into "${database}"${tables > 0 ? ` (replacing ${tables} tables)` : ''}, in one transaction`,
  )
  const { dbname, env } = libpqConnection(o.url)
  let restored = 0
  const ran = await runPgTool(
    tool.value.path,
    [
      '--verbose',
      '--no-password',
      '--single-transaction',
      '--exit-on-error',
      '--no-owner',
      '--no-privileges',
      ...(tables > 0 ? ['--clean', '--if-exists'] : []),
      `--dbname=${dbname}`,
      o.file,
    ],
    env,
    (line) => {
      const m = /processing data for table "([^"]+)"/.exec(line)
      if (!m) return null
      restored++
      return `  table ${m[1]}`
    },
    o.progress,
  )
  if (!ran.ok) return err({ ...ran.error, message: `${ran.error.message}\nNothing was changed: the restore runs in one transaction.` })
  return ok({ tables: restored, ms: Date.now() - started, replaced: tables > 0 })
}
