import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './crest-process.ts'

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ port, host: '127.0.0.1' })
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })

export type EngineProcess = {
  readonly port: number
  readonly url: string
  readonly pid: () => number | undefined
  /** SIGTERM, wait for the exit, start again on the same port */
  readonly restart: () => Promise<void>
  /** SIGTERM and wait for the exit (the port stays ours to start on again) */
  readonly halt: () => Promise<void>
  /** start again on the same port after `halt` */
  readonly launch: () => Promise<void>
  /** SIGSTOP / SIGCONT: the process hangs, its sockets stay open */
  readonly pause: () => void
  readonly resume: () => void
  readonly stop: () => Promise<void>
  readonly output: () => string
}

/** A server binary of our own on a free loopback port (never the machine's shared one). */
const startEngine = async (
  name: string,
  o: { scheme: string; args: (port: number, dir: string) => string[]; bin: string },
): Promise<EngineProcess> => {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), `crest-${name}-`))
  let child: ChildProcess | undefined
  let out = ''
  const launch = async () => {
    const c = spawn(o.bin, o.args(port, dir), { stdio: ['ignore', 'pipe', 'pipe'] })
    c.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)))
    c.stderr?.on('data', (d) => (out = (out + d).slice(-20_000)))
    child = c
    const until = Date.now() + 20_000
    while (!(await portOpen(port))) {
      if (c.exitCode !== null || Date.now() > until) throw new Error(`${name} did not start:\n${out}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      const c = child
      if (!c || c.exitCode !== null || c.signalCode !== null) return resolve()
      c.once('exit', () => resolve())
      c.kill('SIGCONT')
      c.kill('SIGTERM')
      setTimeout(() => c.kill('SIGKILL'), 5_000).unref()
    })
  await launch()
  return {
    port,
    url: `${o.scheme}://127.0.0.1:${port}`,
    pid: () => child?.pid,
    restart: async () => {
      await stop()
      await launch()
    },
    halt: stop,
    launch,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    stop: async () => {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    },
    output: () => out,
  }
}

/** redis-server without persistence: a restart loses every key, the worst case for Crest's fallbacks. */
export const startRedisServer = () =>
  startEngine('redis', {
    scheme: 'redis',
    bin: 'redis-server',
    args: (port) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  })

/** nats-server with JetStream, its store in a temporary directory (kept across restarts). */
export const startNatsServer = () =>
  startEngine('nats', {
    scheme: 'nats',
    bin: '/usr/sbin/nats-server',
    args: (port, dir) => ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir],
  })
