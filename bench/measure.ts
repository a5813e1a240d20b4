// One scenario: prepare, warm up, measure — waiting for a quiet machine first, and measuring again
// when other people's processes took a big share of the CPU during the measurement.
import { type CpuUse, idleBusy, startCpuMeter } from './cpu.ts'
import { type Measurement, runLoad } from './load.ts'
import type { ScenarioResult } from './report.ts'
import type { Scenario } from './scenarios.ts'

/** "quiet": the machine uses less than this (% of one core) while the bench is idle */
const QUIET_BUSY = 30
/** "disturbed": other processes used more than this (% of one core) during a measurement */
const DISTURBED_OTHER = 35

export type MeasureOptions = {
  readonly warmup: number
  readonly duration: number
  readonly retries: number
  readonly quietWait: number
  readonly serverPid: number
  readonly database: string | undefined
  readonly say: (line: string) => void
}

/** Waits (bounded by quietWaitSec) until the machine is quiet; returns the last busy reading. */
const waitQuiet = async (quietWaitSec: number, say: (line: string) => void): Promise<number | undefined> => {
  let busy = await idleBusy(1000)
  const deadline = Date.now() + quietWaitSec * 1000
  let told = false
  while (busy !== undefined && busy > QUIET_BUSY && Date.now() < deadline) {
    if (!told) say(`  waiting for a quieter machine: ${busy}% of a core busy while the bench is idle (up to ${quietWaitSec} s)…`)
    told = true
    busy = await idleBusy(1000)
  }
  if (told) say(`  ${busy !== undefined && busy <= QUIET_BUSY ? 'quiet now' : 'still busy; going ahead'} (${busy}%)`)
  return busy
}

const cpuLine = (c: CpuUse) =>
  `CPU (% of one core): server ${c.server}, load generator ${c.loadGenerator}, postgres ${c.postgres}, redis ${c.redis}, ` +
  `irq ${c.irq}, other ${c.other} (machine ${c.machine} of ${c.cores * 100})`

export const runScenario = async (s: Scenario, o: MeasureOptions): Promise<ScenarioResult> => {
  const { say } = o
  say(`▶ ${s.name}: ${s.description}`)
  const busyBefore = await waitQuiet(o.quietWait, say)
  const base = { name: s.name, description: s.description, connections: s.connections, ...(busyBefore !== undefined && { busyBefore }) }
  let note: string | undefined
  if (s.prepare) {
    const prepared = await s.prepare()
    if (prepared?.skip) {
      say(`  ${prepared.skip}`)
      return { ...base, status: 'skipped', note: prepared.skip }
    }
    note = prepared?.note
  }
  if (o.warmup > 0) {
    say(`  warm-up ${o.warmup} s, ${s.connections} connections…`)
    await runLoad(s.spec, o.warmup)
  }
  let best: { m: Measurement; cpu: CpuUse | undefined } | undefined
  let attempts = 0
  for (let attempt = 1; attempt <= 1 + o.retries; attempt++) {
    attempts = attempt
    if (attempt > 1) await waitQuiet(o.quietWait, say)
    say(`  measuring ${o.duration} s, ${s.connections} connections${attempt > 1 ? ` (attempt ${attempt})` : ''}…`)
    const meter = startCpuMeter(o.serverPid, o.database)
    const m = await runLoad(s.spec, o.duration)
    const cpu = meter()
    say(
      `  ${Math.round(m.reqPerSec).toLocaleString('en-US')} req/s, p50 ${m.latency.p50} ms, p90 ${m.latency.p90} ms, p99 ${m.latency.p99} ms, ${m.errors} errors, ${m.non2xx} non-2xx`,
    )
    if (cpu) say(`  ${cpuLine(cpu)}`)
    if (!best || (cpu?.other ?? 0) < (best.cpu?.other ?? 0)) best = { m, cpu }
    if (!cpu || cpu.other <= DISTURBED_OTHER) break
    if (attempt <= o.retries) say(`  disturbed: other processes used ${cpu.other}% of a core; measuring again`)
  }
  const { m, cpu } = best as { m: Measurement; cpu: CpuUse | undefined }
  const finished = await s.finish?.()
  const checked = finished?.note
  if (checked) say(`  ${checked}`)
  const notes = [
    note,
    checked,
    cpu && cpu.other > DISTURBED_OTHER ? `disturbed: other processes used ${Math.round(cpu.other)}% of a core` : undefined,
    m.errors + m.non2xx > 0 ? `status codes ${JSON.stringify(m.statusCodes)}` : undefined,
  ].filter(Boolean)
  if (attempts > 1) say(`  kept the least disturbed of ${attempts} attempts: ${Math.round(m.reqPerSec).toLocaleString('en-US')} req/s`)
  return {
    ...base,
    status: 'ok',
    measurement: m,
    attempts,
    ...(cpu && { cpu }),
    ...(notes.length && { note: notes.join('; ') }),
    ...(finished && { extra: finished.extra }),
  }
}
