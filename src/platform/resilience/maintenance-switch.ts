import type { Redis } from 'ioredis'

export type MaintenanceState = {
  readonly enabled: boolean
  readonly message: string
  /** ISO time it was switched on, null when off */
  readonly since: string | null
  /** MAINTENANCE_MODE=true: on whatever staff set */
  readonly forcedByEnv: boolean
}

export type MaintenanceSwitch = {
  /** the state as this process knows it (refreshed from Redis every `refreshMs`): no I/O per request */
  readonly current: () => MaintenanceState
  readonly set: (s: { enabled: boolean; message?: string }) => Promise<MaintenanceState>
  readonly refresh: () => Promise<void>
  readonly stop: () => void
}

type Stored = { enabled: boolean; message: string; since: string | null }

const parse = (raw: string | null): Stored | null => {
  if (!raw) return null
  try {
    const v = JSON.parse(raw) as Partial<Stored>
    return {
      enabled: v.enabled === true,
      message: typeof v.message === 'string' ? v.message : '',
      since: typeof v.since === 'string' ? v.since : null,
    }
  } catch {
    return null
  }
}

/**
 * The maintenance switch. With Redis it is one key every process reads (each refreshes its copy
 * once a second, so a switch reaches all of them within about a second); without Redis it lives
 * in this process (the embedded setup is one process). If Redis is unreachable a process keeps
 * the last state it read. MAINTENANCE_MODE=true forces it on.
 */
export const createMaintenanceSwitch = (o: {
  readonly redis?: Redis
  readonly key: string
  readonly forced: boolean
  readonly defaultMessage: string
  readonly refreshMs?: number
  readonly now?: () => Date
}): MaintenanceSwitch => {
  const now = o.now ?? (() => new Date())
  let stored: Stored = { enabled: false, message: '', since: null }
  const current = (): MaintenanceState => ({
    enabled: o.forced || stored.enabled,
    message: stored.message || o.defaultMessage,
    since: stored.since,
    forcedByEnv: o.forced,
  })
  const refresh = async () => {
    if (!o.redis) return
    const v = parse(await o.redis.get(o.key).catch(() => null))
    if (v) stored = v
    else if (o.redis.status === 'ready') stored = { enabled: false, message: '', since: null }
  }
  const timer = o.redis ? setInterval(() => void refresh(), o.refreshMs ?? 1000) : undefined
  timer?.unref()
  void refresh()
  return {
    current,
    refresh,
    set: async (s) => {
      const next: Stored = {
        enabled: s.enabled,
        message: s.message ?? '',
        since: s.enabled ? (stored.enabled && stored.since ? stored.since : now().toISOString()) : null,
      }
      if (o.redis) await o.redis.set(o.key, JSON.stringify(next))
      stored = next
      return current()
    },
    stop: () => clearInterval(timer),
  }
}
