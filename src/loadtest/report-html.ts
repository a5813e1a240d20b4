import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { RunSummary } from './summarize-run.ts'

const require = createRequire(import.meta.url)

/** uPlot's script and style, read from node_modules when the report is written (no CDN). */
const uplotAssets = () => ({
  js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
  css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
})

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const num = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toLocaleString('en-US'))
const pct = (x: number) => `${(x * 100).toFixed(2)} %`

const table = (head: readonly string[], rows: readonly (readonly unknown[])[]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`

const latencyRows = (m: RunSummary['byRequest']) => Object.entries(m).map(([k, f]) => [k, num(f.count), f.p50, f.p95, f.p99, f.max])

const spikeSection = (s: RunSummary) => {
  const x = s.spike
  if (!x) return ''
  return `<h2>The ×10 spike (${x.fromS.toFixed(0)}–${x.toS.toFixed(0)} s)</h2>${table(
    ['figure', 'value'],
    [
      ['p99 before the spike (median of per-second p99)', `${x.baselineP99Ms} ms`],
      ['a second counts as normal at p99 ≤', `${x.normalP99Ms} ms`],
      ['answers accepted (not shed) from the spike until normal', num(x.accepted.count)],
      ['their p50 / p99 / max', `${x.accepted.p50} / ${x.accepted.p99} / ${x.accepted.max} ms`],
      [`accepted answers slower than the p99 target (${s.p99TargetMs} ms)`, num(x.acceptedOverTarget)],
      ['shed (429/503 with Retry-After)', num(x.shed)],
      ['errors / timeouts', `${num(x.errors)} / ${num(x.timeouts)}`],
      ['latency normal again after the spike', x.recoveredAfterS === null ? 'never within the run' : `${x.recoveredAfterS} s`],
      [
        `p99 back within the target after the spike`,
        x.underTargetAfterS === undefined ? '—' : x.underTargetAfterS === null ? 'never within the run' : `${x.underTargetAfterS} s`,
      ],
    ],
  )}`
}

const kneeSection = (s: RunSummary) => {
  const k = s.knee
  if (!k) return ''
  return `<h2>Knee: ${k.kneeRate === null ? 'no rate held' : `${k.kneeRate} journeys/s held`}</h2>${table(
    ['journeys/s', 'p99 ms', 'errors', 'shed', 'offered', 'verdict'],
    k.steps.map((x) => [x.rate, x.p99Ms, pct(x.errorRate), pct(x.shedRate), pct(x.offeredRatio), x.why]),
  )}`
}

/** The charts' data: column arrays in the order the page script expects. */
const chartData = (s: RunSummary) => {
  const col = <K extends keyof RunSummary['seconds'][number]>(k: K) => s.seconds.map((r) => r[k])
  let orders = 0
  return {
    t: col('t'),
    offered: col('offered'),
    started: col('started'),
    ok: col('ok'),
    shed: col('shed'),
    soldOut: col('soldOut'),
    errors: col('errors'),
    p50: col('p50'),
    p95: col('p95'),
    p99: col('p99'),
    target: s.seconds.map(() => s.p99TargetMs),
    inFlight: col('inFlight'),
    orders: s.seconds.map((r) => (orders += r.orders)),
    ordersPerS: col('orders'),
    stock: col('stockLeft'),
    flashStock: col('flashStockLeft'),
    room: col('waitingRoom'),
    hasRoom: s.waitingRoom.gaugeFound,
  }
}

const PAGE_SCRIPT = `
const d = JSON.parse(document.getElementById('data').textContent)
const w = Math.min(1100, document.body.clientWidth - 20)
const fill = (xs) => xs.map((x) => (x === null ? null : x))
const hold = (xs) => { let last = null; return xs.map((x) => (x === null ? last : (last = x))) }
const chart = (id, title, series, data) => new uPlot({ title, width: w, height: 260, scales: { x: { time: false } }, axes: [{ label: 'seconds' }, { size: 70 }], series: [{ label: 's' }, ...series] }, [d.t, ...data], document.getElementById(id))
chart('c-throughput', 'Throughput (per second)', [
  { label: 'journeys offered', stroke: '#999', dash: [4, 4] }, { label: 'journeys started', stroke: '#555' },
  { label: 'answers ok', stroke: '#2a7' }, { label: 'shed (429/503)', stroke: '#e90' }, { label: 'sold out', stroke: '#77c' }, { label: 'errors', stroke: '#d22' }],
  [d.offered, d.started, d.ok, d.shed, d.soldOut, d.errors])
chart('c-latency', 'Latency of answers not shed (ms)', [
  { label: 'p50', stroke: '#2a7' }, { label: 'p95', stroke: '#e90' }, { label: 'p99', stroke: '#d22' }, { label: 'p99 target', stroke: '#999', dash: [6, 4] }],
  [fill(d.p50), fill(d.p95), fill(d.p99), d.target])
chart('c-inflight', 'Journeys in flight', [{ label: 'in flight', stroke: '#36c' }], [d.inFlight])
chart('c-orders', 'Orders placed', [{ label: 'orders (cumulative)', stroke: '#2a7' }, { label: 'orders per second', stroke: '#36c' }], [d.orders, d.ordersPerS])
chart('c-stock', 'Stock left (units available)', [{ label: 'popular variants', stroke: '#36c' }, { label: 'flash-sale variant', stroke: '#d22' }], [hold(d.stock), hold(d.flashStock)])
if (d.hasRoom) chart('c-room', 'Waiting-room length (target /metrics)', [{ label: 'waiting', stroke: '#93c' }], [hold(d.room)])
`

/** A self-contained HTML report: figures, tables and uPlot charts inlined (opens offline). */
export const renderReportHtml = (s: RunSummary): string => {
  const { js, css } = uplotAssets()
  const t = s.totals
  const data = JSON.stringify(chartData(s)).replace(/</g, '\\u003c')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Crest load test — ${esc(s.profile)} — ${esc(s.startedAt)}</title>
<style>${css}
body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222;max-width:1140px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.kpi{display:flex;flex-wrap:wrap;gap:8px}.kpi div{border:1px solid #ccc;border-radius:6px;padding:6px 12px}.kpi b{display:block;font-size:20px}
.chart{margin:8px 0}code{background:#f4f4f4;padding:1px 4px}
</style></head><body>
<h1>Crest load test: ${esc(s.profile)}</h1>
<p>${esc(s.target)} · started ${esc(s.startedAt)} · ${s.durationS} s · base rate ${s.rate} journeys/s · p99 target ${s.p99TargetMs} ms · request timeout ${s.timeoutMs} ms<br>
<code>${esc(s.command)}</code></p>
<div class="kpi">
<div>requests<b>${num(t.requests)}</b>${num(t.requestsPerSecond)}/s</div>
<div>p50 / p99<b>${s.latency.p50} / ${s.latency.p99} ms</b>max ${s.latency.max} ms</div>
<div>orders placed<b>${num(t.orders)}</b>flash sale ${num(t.flashOrders)}</div>
<div>errors<b>${num(t.errors)}</b>${pct(t.errorRate)}, timeouts ${num(t.timeouts)}</div>
<div>shed<b>${num(t.shed)}</b>${pct(t.shedRate)}, retried ${num(t.retries)}</div>
<div>sold out<b>${num(t.soldOut)}</b>answers 409</div>
<div>journeys<b>${num(t.journeysStarted)}</b>dropped ${num(t.journeysDropped)}, unfinished ${num(t.journeysUnfinished)}</div>
<div>waiting room<b>${s.waitingRoom.gaugeFound ? `max ${num(s.waitingRoom.max)}` : 'no gauge'}</b>from /metrics</div>
</div>
<div class="chart" id="c-throughput"></div><div class="chart" id="c-latency"></div><div class="chart" id="c-inflight"></div>
<div class="chart" id="c-orders"></div><div class="chart" id="c-stock"></div>
${s.waitingRoom.gaugeFound ? '<div class="chart" id="c-room"></div>' : '<p>The target exposes no waiting-room gauge at <code>/metrics</code>.</p>'}
${spikeSection(s)}${kneeSection(s)}
<h2>Answers other than 2xx</h2>${table(
    ['status and code', 'counted as', 'count'],
    s.answers.map((a) => [a.answer, a.outcome, num(a.count)]),
  )}
<h2>Latency by request (ms, answers not shed)</h2>${table(['request', 'count', 'p50', 'p95', 'p99', 'max'], latencyRows(s.byRequest))}
<h2>Latency by phase (ms)</h2>${table(['phase', 'count', 'p50', 'p95', 'p99', 'max'], latencyRows(s.byPhase))}
<h2>Stock</h2>${table(
    ['variants', 'first read', 'last read'],
    [
      ['popular (most carts go here)', num(s.stock.popularFirst), num(s.stock.popularLast)],
      ['flash-sale variant', num(s.stock.flashFirst), num(s.stock.flashLast)],
    ],
  )}
<p>${s.flashGateUnits === null ? 'No flash-sale gate was opened (with --admin-token the run opens it, as an operator would).' : `The flash-sale gate was opened before the run and admitted ${num(s.flashGateUnits)} units.`}</p>
<h2>Schedule</h2>${table(
    ['phase', 'from s', 'to s', 'journeys/s'],
    s.schedule.segments.map((g) => [
      g.label,
      g.fromS.toFixed(0),
      g.toS.toFixed(0),
      g.rateFrom === g.rateTo ? g.rateFrom : `${g.rateFrom} → ${g.rateTo}`,
    ]),
  )}
${s.schedule.flash.map((f) => `<p>Flash sale: ${f.shoppers} shoppers at ${f.atS.toFixed(0)} s within ${f.overS} s, all for one variant.</p>`).join('')}
<script>${js}</script>
<script type="application/json" id="data">${data}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>
`
}
