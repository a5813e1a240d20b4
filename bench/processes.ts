import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))
export const CREST = fileURLToPath(new URL('../bin/crest.js', import.meta.url))
export const RUN_TS = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url))

export type Env = Record<string, string | undefined>

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const address = s.address()
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })

/** Every child the bench started, so a failure or Ctrl-C can stop them all (by their own pid). */
const children = new Set<ChildProcess>()

const tail = (s: string, n = 4000) => (s.length > n ? `…${s.slice(-n)}` : s)

/** Runs a command to completion (bounded by timeoutMs); rejects with its output when it fails. */
export const runCommand = (args: readonly string[], env: Env, o: { timeoutMs: number; onLine?: (line: string) => void }): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    let out = ''
    let partial = ''
    const onData = (d: Buffer) => {
      out += d
      partial += d
      const lines = partial.split('\n')
      partial = lines.pop() ?? ''
      for (const l of lines) if (l.trim()) o.onLine?.(l)
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      children.delete(child)
      if (code === 0) resolve(out)
      else reject(new Error(`${args.join(' ')} failed (${signal ?? code}):\n${tail(out)}`))
    })
  })

export type Server = { readonly url: string; readonly pid: number; readonly stop: () => Promise<void>; readonly output: () => string }

/** Starts a long-running child and waits until GET readyPath answers 200 (bounded by timeoutMs). */
export const startServer = async (
  name: string,
  args: readonly string[],
  env: Env,
  o: { port: number; readyPath: string; timeoutMs: number; nodeFlags?: readonly string[] },
): Promise<Server> => {
  const child = spawn(process.execPath, [...(o.nodeFlags ?? []), ...args], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let out = ''
  child.stdout?.on('data', (d) => (out = tail(out + d, 20_000)))
  child.stderr?.on('data', (d) => (out = tail(out + d, 20_000)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => children.delete(child))
  const url = `http://127.0.0.1:${o.port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(killer)
  }
  const deadline = Date.now() + o.timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early (${child.exitCode}):\n${tail(out)}`)
    const ok = await fetch(`${url}${o.readyPath}`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${name} did not answer 200 on ${o.readyPath} within ${o.timeoutMs} ms:\n${tail(out)}`)
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  return { url, pid: child.pid as number, stop, output: () => out }
}

/** Last-resort cleanup (failure, Ctrl-C): SIGTERM every child still running, SIGKILL after a grace. */
export const killAllChildren = async (graceMs = 12_000) => {
  const alive = [...children].filter((c) => c.exitCode === null && c.signalCode === null)
  await Promise.all(
    alive.map(
      (c) =>
        new Promise<void>((resolve) => {
          const killer = setTimeout(() => c.kill('SIGKILL'), graceMs)
          c.once('exit', () => {
            clearTimeout(killer)
            resolve()
          })
          c.kill('SIGTERM')
        }),
    ),
  )
}
