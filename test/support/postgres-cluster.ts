import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './crest-process.ts'

/** PostgreSQL's server binaries (Debian keeps them out of PATH). */
const binDir = (): string => {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'pg_ctl'))) return join(root, v, 'bin')
  throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)')
}

const isRoot = () => process.getuid?.() === 0

/** initdb and pg_ctl refuse root: run them as the postgres user then. */
const run = (bin: string, args: string[], timeoutMs = 60_000) => {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args]
  const r = spawnSync(cmd as string, argv as string[], { encoding: 'utf8', timeout: timeoutMs })
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

export type PostgresCluster = {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  readonly url: (database?: string) => string
  readonly port: number
  readonly dir: string
  /** a fast shutdown (open sessions are terminated), as a restart by an operator does */
  readonly stop: () => void
  readonly start: () => void
  /** stops and removes every file */
  readonly destroy: () => void
}

/**
 * A PostgreSQL cluster of its own (initdb in a temporary directory, pg_ctl on a free loopback
 * port, trust auth), so a test may stop and restart it without touching anyone else's server.
 * fsync is off: the cluster only lives for the test, and its restarts are clean shutdowns.
 */
export const startPostgresCluster = async (o: { maxConnections?: number } = {}): Promise<PostgresCluster> => {
  const bin = binDir()
  const dir = mkdtempSync(join(tmpdir(), 'crest-pg-'))
  if (isRoot()) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const gw = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    chownSync(dir, Number(pw.stdout.trim()), Number(gw.stdout.trim()))
  }
  const data = join(dir, 'data')
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dir}'`,
    `-c max_connections=${o.maxConnections ?? 200}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c shared_buffers=64MB',
  ].join(' ')
  const start = () => {
    run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
  }
  const stop = () => {
    run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop'])
  }
  start()
  return {
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    dir,
    stop,
    start,
    destroy: () => {
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'])
      } catch {
        // not running
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
