import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { err, ok, type Result } from '../../result.ts'
import type { BackupError, BackupProgress } from './backup-errors.ts'

export type PgTool = 'pg_dump' | 'pg_restore'

/** The path of pg_dump/pg_restore (from binDir, else PATH) and its major version, or why not. */
export const findPgTool = (tool: PgTool, binDir?: string): Result<{ path: string; version: string; major: number }, BackupError> => {
  const path = binDir ? join(binDir, tool) : tool
  const r = spawnSync(path, ['--version'], { encoding: 'utf8' })
  if (r.error || r.status !== 0) {
    return err({
      code: 'BACKUP_TOOL_MISSING',
      message:
        `${tool} was not found${binDir ? ` in ${binDir}` : ' on PATH'}. Install the PostgreSQL client tools of the server's ` +
        `major version or newer (Debian: apt-get install postgresql-client), or pass --pg-bin-dir /usr/lib/postgresql/<major>/bin.`,
    })
  }
  const version = /(\d+(?:\.\d+)?)/.exec(r.stdout)?.[1] ?? 'unknown'
  return ok({ path, version, major: Number.parseInt(version, 10) })
}

/**
 * The connection settings for a libpq tool: the URL without its password (so that it does not
 * show in `ps`), and the password in PGPASSWORD.
 */
export const libpqConnection = (url: string): { dbname: string; env: Record<string, string> } => {
  const u = new URL(url)
  const password = decodeURIComponent(u.password)
  u.password = ''
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} }
}

/**
 * Runs a libpq tool with --verbose, turning its chatter into progress lines (`pick` chooses and
 * rewrites the interesting ones) and keeping its error lines for the failure message.
 */
export const runPgTool = (
  path: string,
  args: readonly string[],
  env: Record<string, string>,
  pick: (line: string) => string | null,
  progress: BackupProgress,
): Promise<Result<void, BackupError>> =>
  new Promise((resolve) => {
    const child = spawn(path, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
    const errors: string[] = []
    let pending = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        if (/\b(error|fatal|FATAL|ERROR):/.test(line) || /^(pg_dump|pg_restore): (detail|hint|warning):/.test(line)) errors.push(line)
        const shown = pick(line)
        if (shown !== null) progress(shown)
      }
    })
    child.on('error', (e) => resolve(err({ code: 'BACKUP_TOOL_FAILED', message: `${path} could not be started: ${e.message}` })))
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(ok(undefined))
      const why = errors.length > 0 ? errors.join('\n') : pending || `exit ${code ?? signal}`
      resolve(err({ code: 'BACKUP_TOOL_FAILED', message: `${path.split('/').pop()} failed:\n${why}` }))
    })
  })
