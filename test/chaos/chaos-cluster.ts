import { type ChildProcess, spawn } from 'node:child_process'
import { appendFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { crest, freePort } from '../support/crest-process.ts'
import { type EngineProcess, startNatsServer, startRedisServer } from '../support/engine-process.ts'
import { type NginxProcess, startNginx } from '../support/nginx-process.ts'
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/chaos/', import.meta.url))

export type CrestChild = {
  readonly name: string
  readonly port: number
  readonly url: string
  readonly pid: () => number | undefined
  readonly start: () => Promise<void>
  readonly kill: (signal: NodeJS.Signals) => Promise<void>
  readonly signal: (signal: NodeJS.Signals) => void
  readonly ready: () => Promise<boolean>
  readonly stop: () => Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A crest child process on a fixed port (nginx knows it), logging to test-artifacts/chaos/<name>.log. */
const crestChild = (name: string, args: string[], port: number, env: Record<string, string>, readyPath: string): CrestChild => {
  let child: ChildProcess | undefined
  const log = join(ARTIFACTS, `${name}.log`)
  const url = `http://127.0.0.1:${port}`
  const ready = () =>
    fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    )
  const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null
  const kill = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child
      if (!c || exited(c)) return resolve()
      c.once('exit', () => resolve())
      c.kill(signal)
      setTimeout(() => c.kill('SIGKILL'), 10_000).unref()
    })
  return {
    name,
    port,
    url,
    pid: () => child?.pid,
    ready,
    kill,
    signal: (s) => void child?.kill(s),
    start: async () => {
      appendFileSync(log, `\n--- start ${new Date().toISOString()}\n`)
      const c = spawn(process.execPath, [CREST, ...args], {
        env: { ...process.env, ...env, PORT: String(port), WORKER_PORT: String(port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      c.stdout?.on('data', (d) => appendFileSync(log, d))
      c.stderr?.on('data', (d) => appendFileSync(log, d))
      child = c
      const until = Date.now() + 90_000
      while (!(await ready())) {
        if (exited(c)) throw new Error(`${name} exited early (${c.exitCode ?? c.signalCode}); see ${log}`)
        if (Date.now() > until) throw new Error(`${name} did not become ready; see ${log}`)
        await sleep(200)
      }
    },
    stop: () => kill('SIGTERM'),
  }
}

export type ChaosCluster = {
  readonly postgres: PostgresCluster
  readonly redis: EngineProcess
  readonly nats: EngineProcess
  readonly nginx: NginxProcess
  readonly serves: readonly CrestChild[]
  readonly workers: readonly CrestChild[]
  readonly gateways: readonly CrestChild[]
  readonly carrier: CrestChild
  readonly databaseUrl: string
  readonly staff: { readonly email: string; readonly password: string }
  readonly stop: () => Promise<void>
}

const CHAOS_SETTINGS = {
  LOG_LEVEL: 'warn',
  REDIS_PREFIX: 'chaos:',
  DATABASE_POOL_SIZE: '6',
  // a stopped gateway is given up on quickly and its breaker opens after a few failures
  PAYMENT_TIMEOUT_MS: '2500',
  PAYMENT_RETRIES: '1',
  PAYMENT_BREAKER_FAILURES: '3',
  PAYMENT_BREAKER_HALF_OPEN_MS: '5000',
  // unsettled payments are asked again soon, so late authorisations are voided within the run
  PAYMENT_RECONCILE_AFTER_SECONDS: '5',
  RESERVATION_TTL_SECONDS: '60',
  CAPTURE_POLICY: 'on_fulfillment',
  SHUTDOWN_GRACE_MS: '5000',
}

/**
 * The whole store on this machine, every engine our own: a PostgreSQL cluster, Redis and NATS on
 * free ports; two sandbox payment gateways (primary, backup) and the sandbox carrier; three
 * `crest serve` behind nginx (deploy/nginx/crest.conf) and two `crest worker`.
 */
export const startChaosCluster = async (say: (l: string) => void): Promise<ChaosCluster> => {
  mkdirSync(ARTIFACTS, { recursive: true })
  const started: { stop: () => Promise<void> | void }[] = []
  const stopAll = async () => {
    for (const s of started.reverse()) await Promise.resolve(s.stop()).catch(() => undefined)
  }
  try {
    say('engines: PostgreSQL cluster, redis-server, nats-server -js (our own, on free ports)')
    const postgres = await startPostgresCluster()
    started.push({ stop: () => postgres.destroy() })
    const admin = new pg.Client({ connectionString: postgres.url() })
    await admin.connect()
    await admin.query('create database crest')
    await admin.end()
    const redis = await startRedisServer()
    started.push(redis)
    const nats = await startNatsServer()
    started.push(nats)
    const databaseUrl = postgres.url('crest')
    const base = { DATABASE_URL: databaseUrl, REDIS_URL: redis.url, NATS_URL: nats.url }
    say('crest migrate, seed, staff user')
    await crest(['seed', '--products', '12'], base)
    const staff = { email: 'chaos@crest.local', password: 'chaos-owner-password' }
    await crest(['user', 'create', '--email', staff.email, '--password', staff.password, '--role', 'owner'], base)

    const [g1, g2, cp] = [await freePort(), await freePort(), await freePort()]
    const gateways = [
      crestChild('gateway-primary', ['sandbox', 'payments', '--port', String(g1)], g1, base, '/healthz'),
      crestChild('gateway-backup', ['sandbox', 'payments', '--port', String(g2)], g2, base, '/healthz'),
    ]
    const carrier = crestChild('carrier', ['sandbox', 'carrier', '--port', String(cp)], cp, base, '/healthz')
    for (const p of [...gateways, carrier]) {
      await p.start()
      started.push(p)
    }
    const env = {
      ...base,
      ...CHAOS_SETTINGS,
      PAYMENT_GATEWAYS: `primary=sandbox@${gateways[0]?.url},backup=sandbox@${gateways[1]?.url}`,
      CARRIERS: `sandbox=sandbox@${carrier.url}`,
    }
    say('3 × crest serve, 2 × crest worker')
    const serves: CrestChild[] = []
    for (let i = 1; i <= 3; i++) serves.push(crestChild(`serve-${i}`, ['serve'], await freePort(), env, '/readyz'))
    const workers: CrestChild[] = []
    for (let i = 1; i <= 2; i++) workers.push(crestChild(`worker-${i}`, ['worker'], await freePort(), env, '/readyz'))
    for (const p of [...serves, ...workers]) {
      await p.start()
      started.push(p)
    }
    const nginx = await startNginx({
      upstreams: serves.map((s) => ({ port: s.port })),
      exemptFromRateLimits: ['127.0.0.1'],
      maxFails: 1,
      failTimeoutSeconds: 2,
    })
    started.push(nginx)
    say(`nginx on ${nginx.url} → ${serves.map((s) => s.port).join(', ')}`)
    return { postgres, redis, nats, nginx, serves, workers, gateways, carrier, databaseUrl, staff, stop: stopAll }
  } catch (e) {
    await stopAll()
    throw e
  }
}
