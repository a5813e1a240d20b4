import type { Database } from '../../src/platform/db/database.ts'
import { newId } from '../../src/platform/ids/new-id.ts'
import { createPayments, type PaymentsApi, type PaymentsOptions } from '../../src/modules/payments/index.ts'
import type { SandboxPayments } from '../../src/sandbox/payments/index.ts'

export const eur = (amount: number) => ({ amount, currency: 'EUR' })

/** Policies for tests: tok_slow's 2 s fits in the timeout; back-off is short but jittered. */
export const testPolicies = {
  timeoutMs: 3000,
  retries: 2,
  breakerFailures: 3,
  breakerHalfOpenMs: 60_000,
  backoffInitialMs: 20,
  backoffMaxMs: 200,
} as const

/** A payments module over real sandbox servers, named in priority order. */
export const paymentsOver = (
  db: Database,
  sandboxes: Record<string, SandboxPayments>,
  policies: Partial<Omit<PaymentsOptions, 'gateways'>> = {},
): PaymentsApi =>
  createPayments(
    { db, clock: { now: () => new Date() }, newId },
    { ...testPolicies, ...policies, gateways: Object.entries(sandboxes).map(([name, s]) => ({ name, kind: 'sandbox', url: s.url })) },
  )

type LedgerEntry = { type: string; reference: string; amount: number }

/** What a sandbox actually did for one order reference, e.g. ['authorization:1000', 'capture:1000']. */
export const sandboxLedger = async (s: SandboxPayments, reference: string): Promise<string[]> => {
  const r = await fetch(`${s.url}/v1/ledger?reference=${encodeURIComponent(reference)}`)
  const { entries } = (await r.json()) as { entries: LedgerEntry[] }
  return entries.map((e) => `${e.type}:${e.amount}`)
}

export const configureSandbox = async (s: SandboxPayments, c: { latencyMs?: number; failureRate?: number }): Promise<void> => {
  const r = await fetch(`${s.url}/v1/admin/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(c),
  })
  if (r.status !== 200) throw new Error(`sandbox config refused: ${r.status}`)
}

export const timed = async <T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now()
  const value = await run()
  return { value, ms: performance.now() - started }
}
