export { type SandboxPayments, type SandboxPaymentsOptions, startSandboxPayments } from './start-sandbox-payments.ts'
export { type LedgerEntry, SLOW_TOKEN_DELAY_MS } from './sandbox-bank.ts'
