import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from './crest-process.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

export type SandboxPaymentsProcess = {
  readonly url: string
  /** SIGSTOP / SIGCONT: a frozen gateway whose kernel still accepts connections */
  readonly signal: (s: 'SIGSTOP' | 'SIGCONT') => void
  readonly stop: () => Promise<void>
}

/** `crest sandbox payments` as a real separate process on a free loopback port, ready when /healthz answers. */
export const startSandboxPaymentsProcess = async (): Promise<SandboxPaymentsProcess> => {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [CREST, 'sandbox', 'payments', '--port', String(port)], {
    env: { ...process.env, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (b: Buffer) => {
    stderr += b.toString()
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.status === 200,
      () => false,
    )
    if (ok) break
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`sandbox payments did not start on ${port}: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    signal: (s) => void child.kill(s),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGCONT')
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
      }),
  }
}
