import type { CpuUse } from '../cpu.ts'
import type { CheckoutFlowResult } from './checkout-flow.ts'
import type { FlashSaleResult } from './flash-sale.ts'

type SellingReport = {
  readonly settings: { readonly engine: string; readonly redis: boolean; readonly serveWorkers: number; readonly processing: string }
  readonly checkoutFlow: CheckoutFlowResult & { readonly cpu: CpuUse | undefined }
  readonly flashSale: FlashSaleResult
  readonly flashSaleWithoutGate: FlashSaleResult | null
  readonly ledger: { readonly authorizations: number; readonly ordersAuthorisedTwice: number }
}

const mark = (met: boolean | null) => (met === null ? '·' : met ? '✓' : '✗')
const int = (n: number) => Math.round(n).toLocaleString('en-US')

/** The flash sale in one line. */
const saleLine = (s: FlashSaleResult) =>
  `${s.gate ? 'with the gate   ' : 'without the gate'} (${int(s.arrivalRate)} buyers/s): ${int(s.orders)} orders of ${int(s.units)} units, sold out after ${int(s.soldOutAfterMs)} ms ` +
  `(all ${int(s.buyers)} answered after ${int(s.allAnsweredAfterMs)} ms); sold-out p50/p99 ${s.soldOut.p50}/${s.soldOut.p99} ms; ` +
  `order p50/p99 ${s.ordered.p50}/${s.ordered.p99} ms; arrival to final answer p50/p99 ${s.buyerWait.p50}/${s.buyerWait.p99} ms; stock after: ${s.stockAfter.onHand} on hand, ${s.stockAfter.reserved} reserved` +
  `${s.retriedAfter503 ? `; ${int(s.retriedAfter503)} retries after 503` : ''}` +
  `${Object.keys(s.otherAnswers).length ? `; other answers ${JSON.stringify(s.otherAnswers)}` : ''}` +
  `${s.db ? `; database: ${int(s.db.commits)} commits, ${int(s.db.rollbacks)} rollbacks, ${int(s.db.rowsWritten)} rows written` : ''}`

/** What a reader needs: the figures and whether each target of issue 3 was met. */
export const sellingSummary = (r: SellingReport): string[] => {
  const f = r.checkoutFlow
  const s = r.flashSale
  const u = r.flashSaleWithoutGate
  const pg = r.settings.engine === 'postgres'
  const lines = [
    `Checkout flow (${f.virtualUsers} virtual users${f.pacedAt ? ` paced at ${f.pacedAt} flows/s` : ''}, ${f.seconds} s, ${r.settings.serveWorkers} serve process${r.settings.serveWorkers > 1 ? 'es' : ''}, order processing ${r.settings.processing}): ${int(f.completed)} completed = ${f.perSecond} checkouts/s; ` +
      `flow p50/p99 ${f.flow.p50}/${f.flow.p99} ms; create cart p99 ${f.createCart.p99} ms, add item p99 ${f.addItem.p99} ms, checkout p50/p99 ${f.checkout.p50}/${f.checkout.p99} ms` +
      `${Object.keys(f.failures).length ? `; failures ${JSON.stringify(f.failures)}` : '; no failures'}`,
    f.cpu
      ? `  CPU (% of one core, ${f.cpu.cores} cores): serve ${f.cpu.server}, load generator ${f.cpu.loadGenerator}, postgres ${f.cpu.postgres}, redis ${f.cpu.redis}, other (sandbox gateway, others) ${f.cpu.other}`
      : '  CPU: not measured',
    `Flash sale ${saleLine(s)}`,
    ...(u ? [`Flash sale ${saleLine(u)}`] : []),
    `Gateway ledger: ${int(r.ledger.authorizations)} orders authorised, ${r.ledger.ordersAuthorisedTwice} authorised twice`,
    '',
    `${mark(pg ? f.perSecond >= 300 && Object.keys(f.failures).length === 0 : null)} completed checkouts ≥ 300/s on PostgreSQL: ${f.perSecond}/s${pg ? '' : ' (informational on PGlite)'}`,
    `${mark(s.orders === s.units && s.stockAfter.onHand - s.stockAfter.reserved === 0)} flash sale: exactly ${int(s.units)} orders (${int(s.orders)}), ${s.stockAfter.onHand - s.stockAfter.reserved} units left unsold`,
    `${mark(s.soldOutAfterMs < 10_000)} sold out in under 10 s: ${int(s.soldOutAfterMs)} ms`,
    `${mark(s.soldOut.p99 < 20)} "sold out" answers p99 < 20 ms: ${s.soldOut.p99} ms over ${int(s.soldOut.count)} answers`,
    `  by arrival second (p50/p99 ms): ${s.soldOutByArrivalSecond.map((b, i) => `${i}: ${b.count ? `${b.p50}/${b.p99}` : '-'}`).join(', ')}`,
    `  by connection (p50/p99 ms): new ${s.soldOutByConnection.new.p50}/${s.soldOutByConnection.new.p99} over ${int(s.soldOutByConnection.new.count)}, ` +
      `reused ${s.soldOutByConnection.reused.p50}/${s.soldOutByConnection.reused.p99} over ${int(s.soldOutByConnection.reused.count)}`,
    ...(s.acceptQueue
      ? [
          `  connections waiting to be accepted by crest serve, most by second: ${s.acceptQueue.maxBySecond.join(', ')} (most ${int(s.acceptQueue.max)})`,
        ]
      : []),
    `  the load generator's own event-loop delay during the sale (p50/p99/max ms): ${s.generatorLoopDelay.p50}/${s.generatorLoopDelay.p99}/${s.generatorLoopDelay.max}`,
    `${mark(r.ledger.ordersAuthorisedTwice === 0)} no order authorised twice in the gateway ledger`,
  ]
  if (u?.db && s.db) {
    lines.push(
      `· database work the gate avoided: ${int(u.db.commits + u.db.rollbacks - s.db.commits - s.db.rollbacks)} transactions and ` +
        `${int(u.db.rowsWritten - s.db.rowsWritten)} row writes (the same sale without the gate minus with it); ` +
        `${int(s.soldOutAnswers)} buyers were answered by the gate alone`,
    )
  } else
    lines.push(
      `· ${int(s.soldOutAnswers)} buyers were answered "sold out" by the gate${s.db ? '' : ' (database counters need PostgreSQL)'}`,
    )
  return lines
}
