import { listenJson } from '../shared/listen-json.ts'
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
  const server = await listenJson(handler.handle, o)
  return {
    url: server.url,
    close: async () => {
      handler.stop()
      await server.close()
    },
  }
}
