import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { sandboxFailure } from './sandbox-bank.ts'
import { createSandboxHandler } from './sandbox-handler.ts'

export type SandboxPaymentsOptions = {
  readonly port: number
  readonly host?: string
  /** added to every payment call before it reaches the bank (not to /healthz, /v1/ledger or /v1/admin/*) */
  readonly latencyMs?: number
  /** added to every payment call after the bank applied it, before the answer (a slow gateway) */
  readonly replyDelayMs?: number
  /** probability (0..1) that a payment call fails with 503 before doing anything */
  readonly failureRate?: number
  readonly log?: (line: string) => void
  /** for tests: the source of randomness behind `failureRate` */
  readonly random?: () => number
}

export type SandboxPayments = { readonly url: string; readonly close: () => Promise<void> }

/**
 * Starts the sandbox payment gateway: a small HTTP server that behaves like a card processor (its
 * API is described in README.md beside this file). State lives in memory and ends with it.
 */
export const startSandboxPayments = async (o: SandboxPaymentsOptions): Promise<SandboxPayments> => {
  const handler = createSandboxHandler(o)
  const server = createServer((req, res) => {
    const started = performance.now()
    res.on('finish', () => o.log?.(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - started)}ms`))
    handler.handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return res.destroy()
      const a = sandboxFailure(500, 'internal', e instanceof Error ? e.message : String(e))
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body))
    })
  })
  const host = o.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  return {
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        handler.stop()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
