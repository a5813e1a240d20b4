import type { AdmissionGate } from './admission-gate.ts'

/**
 * The hot-SKU gate when its engine (Redis) may be down: admissions fail open to the database — a
 * buyer is "not gated" and goes to the reservation path, whose conditional write still makes an
 * oversell impossible; only the fast "sold out" is lost meanwhile. Opening and closing a sale
 * (staff actions) still fail loudly. `available` is the engine's breaker: while it is open no
 * call is made at all.
 */
export const failOpenGate = (inner: AdmissionGate, o: { available: () => boolean; report: (e: unknown) => void }): AdmissionGate => {
  const guard = async <T>(call: () => Promise<T>, fallback: T): Promise<T> => {
    if (!o.available()) return fallback
    try {
      return await call()
    } catch (e) {
      o.report(e)
      return fallback
    }
  }
  return {
    open: inner.open,
    close: inner.close,
    admit: (key, units) => guard(() => inner.admit(key, units), 'not_gated' as const),
    giveBack: (key, units) => guard(() => inner.giveBack(key, units), undefined),
    remaining: (key) => guard(() => inner.remaining(key), null),
    gatedKeys: () => guard(() => inner.gatedKeys(), [] as string[]),
    stats: inner.stats,
  }
}
