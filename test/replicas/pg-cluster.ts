import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { freePort } from '../support/crest-process.ts'

const run = promisify(execFile)
const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'
const asRoot = process.getuid?.() === 0

/** PostgreSQL refuses to run as root: as root, every server command runs as the `postgres` user. */
const pgCommand = async (tool: string, args: readonly string[]): Promise<string> => {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args]] : [join(BIN, tool), [...args]]
  try {
    const { stdout } = await run(file, argv, { timeout: 120_000 })
    return stdout
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string }
    throw new Error(`${tool} ${args.join(' ')} failed: ${x.message}\n${x.stdout ?? ''}\n${x.stderr ?? ''}`)
  }
}

export type PgServer = { readonly port: number; readonly dir: string; readonly url: (db?: string) => string }

export type PgCluster = {
  readonly primary: PgServer
  readonly replica: PgServer
  /** one SQL statement on a server, as the postgres superuser, on database `db` */
  readonly sql: <T = Record<string, unknown>>(server: PgServer, text: string, db?: string) => Promise<T[]>
  /** makes the replica apply each commit this long after the primary made it (recovery_min_apply_delay) */
  readonly setApplyDelay: (ms: number) => Promise<void>
  /** stops the replica server (fast shutdown), as an outage would; startReplica starts it again */
  readonly stopReplica: () => Promise<void>
  readonly startReplica: () => Promise<void>
  /** waits until the replica has replayed everything the primary has written so far */
  readonly waitForReplay: (timeoutMs?: number) => Promise<void>
  readonly stop: () => Promise<void>
}

const urlOf =
  (port: number) =>
  (db = 'postgres') =>
    `postgres://postgres@127.0.0.1:${port}/${db}`

const startServer = async (dir: string, port: number) => {
  await pgCommand('pg_ctl', ['-D', dir, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir}`, 'start'])
}

const query = async <T>(url: string, text: string): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
  await client.connect()
  try {
    return (await client.query(text)).rows as T[]
  } finally {
    await client.end()
  }
}

const settings = (port: number) =>
  [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    'wal_level = replica',
    'max_wal_senders = 5',
    'hot_standby = on',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'shared_buffers = 32MB',
    'max_connections = 60',
    'wal_receiver_status_interval = 1s',
  ].join('\n')

/**
 * A real primary and a real streaming replica on loopback, in a temporary folder: initdb, then
 * `pg_basebackup -R` for the replica (it streams from the primary). Both are stopped and their
 * files removed by stop().
 */
export const startPgCluster = async (): Promise<PgCluster> => {
  const root = mkdtempSync(join(tmpdir(), 'crest-replicas-'))
  const primaryDir = join(root, 'primary')
  const replicaDir = join(root, 'replica')
  const [pPort, rPort] = [await freePort(), await freePort()]
  const started: string[] = []
  const stop = async () => {
    for (const dir of started.reverse()) await pgCommand('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => {})
    rmSync(root, { recursive: true, force: true })
  }
  try {
    if (asRoot) await run('chown', ['postgres:postgres', root])
    await pgCommand('initdb', ['-D', primaryDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'])
    await appendConf(primaryDir, settings(pPort))
    await startServer(primaryDir, pPort)
    started.push(primaryDir)
    await pgCommand('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(pPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ])
    await startServer(replicaDir, rPort)
    started.push(replicaDir)
  } catch (e) {
    await stop()
    throw e
  }
  const primary: PgServer = { port: pPort, dir: primaryDir, url: urlOf(pPort) }
  const replica: PgServer = { port: rPort, dir: replicaDir, url: urlOf(rPort) }
  const sql = <T>(server: PgServer, text: string, db = 'postgres') => query<T>(server.url(db), text)
  const waitForReplay = async (timeoutMs = 15_000) => {
    const [{ lsn }] = (await sql<{ lsn: string }>(primary, 'select pg_current_wal_insert_lsn()::text as lsn')) as [{ lsn: string }]
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const [row] = await sql<{ caught: boolean }>(replica, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as caught`)
      if (row?.caught) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`replica did not replay ${lsn} within ${timeoutMs} ms`)
  }
  const setApplyDelay = async (ms: number) => {
    await sql(replica, `alter system set recovery_min_apply_delay = '${Math.round(ms)}ms'`)
    await sql(replica, 'select pg_reload_conf()')
    const deadline = Date.now() + 5_000
    while (Date.now() < deadline) {
      const [row] = await sql<{ ms: string }>(replica, "select setting as ms from pg_settings where name = 'recovery_min_apply_delay'")
      if (Number(row?.ms) === Math.round(ms)) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('the replica did not take the new apply delay')
  }
  const stopReplica = async () => {
    await pgCommand('pg_ctl', ['-D', replicaDir, '-m', 'fast', '-w', 'stop'])
    started.splice(started.indexOf(replicaDir), 1)
  }
  const startReplica = async () => {
    await startServer(replicaDir, rPort)
    started.push(replicaDir)
  }
  return { primary, replica, sql, setApplyDelay, stopReplica, startReplica, waitForReplay, stop }
}

const appendConf = async (dir: string, text: string) => {
  // written by the server's own user, so the file keeps its owner
  const file = join(dir, 'postgresql.conf')
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', 'sh', '-c', `cat >> '${file}'`]] : ['sh', ['-c', `cat >> '${file}'`]]
  await new Promise<void>((resolve, reject) => {
    const child = execFile(cmd, argv, (e) => (e ? reject(e) : resolve()))
    child.stdin?.end(`\n${text}\n`)
  })
}
