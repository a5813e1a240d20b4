import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CpuUse } from './cpu.ts'
import type { Measurement } from './load.ts'
import type { Machine } from './machine.ts'

export type ScenarioResult = {
  readonly name: string
  readonly description: string
  readonly connections: number
  readonly status: 'ok' | 'skipped' | 'failed'
  readonly note?: string
  readonly measurement?: Measurement
  /** req/s ÷ the mean req/s of the two hello-world runs of the same bench run */
  ratio?: number
  readonly extra?: Record<string, unknown>
  /** CPU use during the measured run, % of one core */
  readonly cpu?: CpuUse
  /** machine CPU busy (% of one core) in the second before the scenario, while the bench was idle */
  readonly busyBefore?: number
  /** how many measurements were made (more than one when other processes disturbed the first) */
  readonly attempts?: number
}

export type Target = { readonly name: string; readonly met: boolean | null; readonly detail: string }

export type BenchReport = {
  readonly startedAt: string
  readonly finishedAt: string
  readonly machine: Machine
  readonly settings: Record<string, unknown>
  readonly baselineReqPerSec: number | null
  /** |hello(start) − hello(end)| ÷ their mean: how much the machine drifted during the run */
  readonly baselineDrift: number | null
  readonly scenarios: readonly ScenarioResult[]
  readonly targets: readonly Target[]
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US')
const fmtMs = (n: number) => (n < 10 ? n.toFixed(n % 1 === 0 ? 0 : 1) : String(Math.round(n)))
const fmtRatio = (r: number | undefined) => (r === undefined ? '' : `${(r * 100).toFixed(1)}%`)

const cpuCell = (c: CpuUse | undefined) => (c ? [c.server, c.loadGenerator, c.postgres, c.other].map((x) => Math.round(x)).join('/') : '')

/** Server CPU time per request, in µs: robust to a busy machine in a way req/s is not. */
export const serverUsPerRequest = (s: ScenarioResult): number | undefined =>
  s.cpu && s.measurement && s.measurement.reqPerSec > 0 ? (s.cpu.server / 100 / s.measurement.reqPerSec) * 1e6 : undefined

const row = (s: ScenarioResult): string[] => {
  const m = s.measurement
  if (!m) return [s.name, String(s.connections), '—', '—', '—', '—', '—', '—', '', '', s.note ?? s.status]
  const us = serverUsPerRequest(s)
  const bad = m.errors + m.non2xx
  return [
    s.name,
    String(s.connections),
    fmtInt(m.reqPerSec),
    fmtMs(m.latency.p50),
    fmtMs(m.latency.p90),
    fmtMs(m.latency.p99),
    bad ? `${m.errors}/${m.non2xx}` : '0',
    fmtRatio(s.ratio),
    us === undefined ? '' : us < 100 ? us.toFixed(1) : String(Math.round(us)),
    cpuCell(s.cpu),
    s.note ?? '',
  ]
}

const HEAD = [
  'scenario',
  'conns',
  'req/s',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'err/non-2xx',
  'vs hello',
  'srv µs/req',
  'cpu% srv/gen/pg/other',
  'note',
]
const NUMERIC = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9])

export const terminalTable = (scenarios: readonly ScenarioResult[]): string => {
  const rows = [HEAD, ...scenarios.map(row)]
  const widths = HEAD.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)))
  const line = (r: string[]) =>
    r
      .map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(rows[0] as string[]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n')
}

export const markdownTable = (scenarios: readonly ScenarioResult[]): string => {
  const align = HEAD.map((_, c) => (NUMERIC.has(c) ? '---:' : '---'))
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  return [HEAD, align, ...scenarios.map(row)].map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n')
}

export const machineLines = (m: Machine): string[] => [
  `CPU:     ${m.cpuModel} × ${m.cpuCount} (${m.arch}), ${m.memoryGiB} GiB RAM, ${m.os}`,
  `Node:    ${m.node}`,
  `Engine:  ${m.engine}`,
  `Cache:   ${m.cacheTier}`,
]

export const targetLines = (targets: readonly Target[]): string[] =>
  targets.map((t) => `${t.met === null ? 'n/a ' : t.met ? 'MET ' : 'MISS'}  ${t.name} — ${t.detail}`)

/** Writes the full report as bench/results/<timestamp>.json; returns the path. */
export const writeJson = (report: BenchReport): string => {
  const dir = fileURLToPath(new URL('./results/', import.meta.url))
  mkdirSync(dir, { recursive: true })
  const file = `${dir}${report.startedAt.replace(/[:.]/g, '-')}.json`
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`)
  return file
}
