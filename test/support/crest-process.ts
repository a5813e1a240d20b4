import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { runProcess } from './run-process.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

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

/**
 * The environment of a crest child: the test's own, except that the event bus stays embedded
 * unless a test asks for NATS by passing NATS_URL itself (so child processes do not publish to
 * the machine's shared JetStream stream, where nobody would consume), and latency-aware shedding
 * is off unless a test sets SHED_LATENCY_TARGET_MS itself: on a CI machine busy with the rest of
 * the suite a placement can take longer than half the default target, and the checkout line would
 * then send a test's buyers back with 503 (as test/support/start-app.ts does in-process).
 */
const childEnv = (env: Record<string, string>) => ({ ...process.env, NATS_URL: '', SHED_LATENCY_TARGET_MS: '0', ...env })

/** Runs a crest command to completion; throws with its output when it fails. */
export const crest = async (args: string[], env: Record<string, string>): Promise<string> => {
  const r = await runProcess(process.execPath, [CREST, ...args], { env: childEnv(env) })
  if (r.status !== 0) throw new Error(`crest ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`)
  return r.stdout
}

export type ServeProcess = {
  readonly url: string
  readonly child: ChildProcess
  readonly stop: () => Promise<void>
  readonly output: () => string
}

/** Starts `crest serve` as a real separate process and waits until /readyz answers 200. */
export const startServe = async (env: Record<string, string>, timeoutMs = 60_000, args: readonly string[] = []): Promise<ServeProcess> => {
  const port = await freePort()
  const child = spawn(process.execPath, [CREST, 'serve', ...args], {
    env: { ...childEnv({ LOG_LEVEL: 'warn', ...env }), PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout?.on('data', (d) => (out += d))
  child.stderr?.on('data', (d) => (out += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`crest serve exited early (${child.exitCode}):\n${out}`)
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) break
    await new Promise((r) => setTimeout(r, 200))
  }
  if (Date.now() >= deadline) throw new Error(`crest serve did not become ready:\n${out}`)
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref()
    })
  return { url, child, stop, output: () => out }
}
