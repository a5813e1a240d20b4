import type { PhaseResult } from './flash-sale-phase.ts'
import type { Invariants } from './invariants.ts'

export type PhaseReport = PhaseResult & {
  readonly invariants: Invariants
  readonly doubleAuthorised: readonly string[]
  readonly authorisations: number
  /** outbox rows not yet published: the most seen during the fault, and 8 s after the phase */
  readonly outbox: { readonly max: number; readonly after: number | null }
}

const time = (iso: string) => iso.slice(11, 23)
const codes = (m: Readonly<Record<string, number>>) =>
  Object.entries(m)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ') || '—'

/** The run as Markdown tables, for docs/resilience.md. */
export const timelineMarkdown = (startedAt: string, phases: readonly PhaseReport[]): string =>
  [
    `Run started ${startedAt} (UTC).`,
    '',
    '| fault | fault start → end (UTC) | /readyz green after the end | orders 201 / units | sold (DB) | oversold | 201 missing | orders not acknowledged | double authorisations | levels bad / reserved drift |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...phases.map(
      (p) =>
        `| ${p.fault} | ${time(p.faultStartAt)} → ${time(p.faultEndAt)} | ${p.readyzRecoveredMs === null ? 'not within the limit' : `${(p.readyzRecoveredMs / 1000).toFixed(1)} s`} | ${p.acknowledged.length} / ${p.units} | ${p.invariants.sold} | ${p.invariants.oversold} | ${p.invariants.acknowledgedMissing.length} | ${p.invariants.unacknowledgedOrders} | ${p.doubleAuthorised.length} | ${p.invariants.badLevels} / ${p.invariants.reservedDrift} |`,
    ),
    '',
    '| fault | every non-201 answer (retries included) | final answer per buyer | retries | outbox unpublished: max during / after | orders not acknowledged: status/payment |',
    '| --- | --- | --- | --- | --- | --- |',
    ...phases.map(
      (p) =>
        `| ${p.fault} | ${codes(p.answersByCode)} | ${codes(p.finalByCode)} | ${p.retries} | ${p.outbox.max} / ${p.outbox.after ?? '?'} | ${codes(p.invariants.unacknowledgedStates)} |`,
    ),
    '',
    '| fault | seen every 0.5 s from the fault start until /readyz was green (probe: answer × times) |',
    '| --- | --- |',
    ...phases.map((p) => `| ${p.fault} | ${codes(p.observed)} |`),
  ].join('\n')
