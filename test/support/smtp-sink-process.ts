import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RUN_TS = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url))
const SINK = fileURLToPath(new URL('./smtp-sink.ts', import.meta.url))

/** One message the sink accepted. */
export type SinkMessage = {
  readonly seq: number
  readonly messageId: string | null
  readonly from: string | null
  readonly to: string[]
  readonly subject: string | null
  readonly receivedAt: string
}

export type SmtpSink = {
  /** `smtp://127.0.0.1:<port>` */
  readonly url: string
  readonly child: ChildProcess
  /** every message accepted so far, in order */
  readonly messages: () => SinkMessage[]
  readonly stop: () => Promise<void>
}

/** Starts test/support/smtp-sink.ts as a separate process and waits until it listens. */
export const startSmtpSink = async (timeoutMs = 30_000): Promise<SmtpSink> => {
  const dir = mkdtempSync(join(tmpdir(), 'crest-smtp-sink-'))
  const log = join(dir, 'messages.jsonl')
  const child = spawn(process.execPath, [RUN_TS, SINK], { env: { ...process.env, SMTP_SINK_LOG: log }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stderr?.on('data', (d) => (out += d))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the SMTP sink did not start:\n${out}`)), timeoutMs)
    child.stdout?.on('data', (d) => {
      out += d
      const m = /\{"port":(\d+)\}/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the SMTP sink exited (${code}):\n${out}`))
    })
  })
  const messages = (): SinkMessage[] =>
    existsSync(log)
      ? readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l) as SinkMessage)
      : []
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dir, { recursive: true, force: true })
        resolve()
      }
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref()
    })
  return { url: `smtp://127.0.0.1:${port}`, child, messages, stop }
}
