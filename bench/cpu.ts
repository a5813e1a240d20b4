// CPU accounting during a measurement (Linux /proc): who used the 2 cores — the server under test,
// the load generator (this process), PostgreSQL, Redis, and everything else on the machine.
import { readdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'

const TICK_US = 10_000 // USER_HZ is 100 on Linux

type Snapshot = {
  at: bigint
  machine: { busy: number; total: number; irq: number } | undefined
  pids: Map<number, number>
  byName: Map<string, number>
  self: NodeJS.CpuUsage
}

const procTicks = (pid: number | string): { comm: string; ticks: number } | undefined => {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const close = s.lastIndexOf(')')
    const comm = s.slice(s.indexOf('(') + 1, close)
    const f = s.slice(close + 2).split(' ')
    // fields after "(comm) ": state(0) … utime(11) stime(12)
    return { comm, ticks: Number(f[11]) + Number(f[12]) }
  } catch {
    return undefined
  }
}

const machineTicks = () => {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] as string
    const v = line.trim().split(/\s+/).slice(1).map(Number)
    const idle = (v[3] ?? 0) + (v[4] ?? 0)
    const total = v.slice(0, 8).reduce((a, b) => a + b, 0)
    return { busy: total - idle, total, irq: (v[5] ?? 0) + (v[6] ?? 0) }
  } catch {
    return undefined
  }
}

const cmdline = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
  } catch {
    return ''
  }
}

/** PostgreSQL backends serving the bench database (by their process title), and Redis. */
const snapshot = (pids: readonly number[], database: string | undefined): Snapshot => {
  const byName = new Map<string, number>()
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue
      const t = procTicks(d)
      if (!t) continue
      if (t.comm === 'redis-server') byName.set('redis-server', (byName.get('redis-server') ?? 0) + t.ticks)
      else if (t.comm === 'postgres' && database && cmdline(d).includes(` ${database} `)) {
        byName.set(`postgres:${d}`, t.ticks)
      }
    }
  } catch {
    // not Linux: leave empty
  }
  return {
    at: process.hrtime.bigint(),
    machine: machineTicks(),
    pids: new Map(pids.map((p) => [p, procTicks(p)?.ticks ?? Number.NaN])),
    byName,
    self: process.cpuUsage(),
  }
}

/** CPU use in % of one core (so 200% = both cores of a 2-core machine). */
export type CpuUse = {
  readonly server: number
  readonly loadGenerator: number
  readonly postgres: number
  readonly redis: number
  /** all CPUs, everything: % of one core */
  readonly machine: number
  /** interrupt and softirq time (mostly loopback networking) */
  readonly irq: number
  /** machine minus all of the above: other people's processes and kernel threads */
  readonly other: number
  readonly cores: number
}

const postgresTicks = (b: Snapshot, a: Snapshot) => {
  let sum = 0
  for (const [k, v] of b.byName) if (k.startsWith('postgres:')) sum += v - (a.byName.get(k) ?? 0)
  return sum
}

/**
 * Starts measuring; the returned function ends it. `serverPid` is the process under load; `database`
 * the PostgreSQL database whose backends count as "postgres" (other databases' work counts as other).
 */
export const startCpuMeter = (serverPid: number | readonly number[], database?: string) => {
  const pids = typeof serverPid === 'number' ? [serverPid] : [...serverPid]
  const a = snapshot(pids, database)
  return (): CpuUse | undefined => {
    const b = snapshot(pids, database)
    const wallUs = Number(b.at - a.at) / 1000
    if (!a.machine || !b.machine || wallUs <= 0) return undefined
    const pct = (us: number) => Math.round((us / wallUs) * 1000) / 10
    const ticks = (m1: Map<string | number, number>, m0: Map<string | number, number>, k: string | number) =>
      ((m1.get(k) ?? 0) - (m0.get(k) ?? 0)) * TICK_US
    const cores = cpus().length
    const span = Math.max(1, b.machine.total - a.machine.total)
    const machineShare = (b.machine.busy - a.machine.busy) / span
    const irq = Math.round(((b.machine.irq - a.machine.irq) / span) * cores * 1000) / 10
    const use = {
      server: pct(pids.reduce((n, p) => n + ticks(b.pids, a.pids, p), 0)),
      loadGenerator: pct(b.self.user - a.self.user + b.self.system - a.self.system),
      postgres: pct(postgresTicks(b, a) * TICK_US),
      redis: pct(ticks(b.byName, a.byName, 'redis-server')),
      machine: Math.round(machineShare * cores * 1000) / 10,
    }
    const other = Math.max(0, Math.round((use.machine - use.server - use.loadGenerator - use.postgres - use.redis - irq) * 10) / 10)
    return { ...use, irq, other, cores }
  }
}

/** How busy the machine is while the bench itself is idle (other people's work), in % of one core. */
export const idleBusy = async (ms = 1000): Promise<number | undefined> => {
  const a = machineTicks()
  await new Promise((r) => setTimeout(r, ms))
  const b = machineTicks()
  if (!a || !b) return undefined
  return Math.round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * cpus().length * 1000) / 10
}
