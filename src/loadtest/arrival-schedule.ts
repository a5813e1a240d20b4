/**
 * The open arrival model: how many shopper journeys start per second at each moment, whatever
 * the answers take. A schedule is piecewise linear in rate plus flash-sale bursts (many shoppers
 * arriving within about a second for one variant). Pure: the load loop asks it how many journeys
 * should have started by a given time and starts the difference.
 */
export type Segment = {
  readonly label: string
  readonly fromS: number
  readonly toS: number
  readonly rateFrom: number
  readonly rateTo: number
}
export type FlashBurst = { readonly atS: number; readonly shoppers: number; readonly overS: number }
export type Schedule = { readonly durationS: number; readonly segments: readonly Segment[]; readonly flash: readonly FlashBurst[] }

export const PROFILES = ['steady', 'ramp', 'spike', 'flash-sale', 'black-friday'] as const
export type Profile = (typeof PROFILES)[number]

export type ProfileOptions = {
  readonly rate: number
  readonly durationS: number
  /** spike: when it starts and how long it lasts (default: a third in, a sixth of the run, at most 30 s) */
  readonly spikeAtS?: number
  readonly spikeForS?: number
  /** flash-sale: when it opens (default a third in), how many shoppers arrive at once */
  readonly flashAtS?: number
  readonly flashShoppers?: number
}

export const SPIKE_FACTOR = 10

const seg = (label: string, fromS: number, toS: number, rateFrom: number, rateTo = rateFrom): Segment => ({
  label,
  fromS,
  toS,
  rateFrom,
  rateTo,
})

const spikeWindow = (o: ProfileOptions, defaultAt: number): [number, number] => {
  const at = Math.min(o.spikeAtS ?? defaultAt, o.durationS)
  const len = o.spikeForS ?? Math.min(30, o.durationS / 6)
  return [at, Math.min(o.durationS, at + len)]
}

const flashBurst = (o: ProfileOptions, defaultAt: number): FlashBurst => ({
  atS: Math.min(o.flashAtS ?? defaultAt, o.durationS),
  shoppers: o.flashShoppers ?? 200,
  overS: 1,
})

/** black-friday: ramp (20 %) → steady (25 %) → ×10 spike (10 %) → steady, flash sale at 80 % of the run. */
const blackFriday = (o: ProfileOptions): Schedule => {
  const d = o.durationS
  const r = o.rate
  const [sFrom, sTo] = spikeWindow(o, d * 0.45)
  const rampTo = Math.min(d * 0.2, sFrom)
  return {
    durationS: d,
    segments: [
      seg('ramp', 0, rampTo, 0, r),
      seg('steady', rampTo, sFrom, r),
      seg('spike', sFrom, sTo, r * SPIKE_FACTOR),
      seg('after spike', sTo, d, r),
    ].filter((s) => s.toS > s.fromS),
    flash: [flashBurst(o, d * 0.8)],
  }
}

export const buildSchedule = (profile: Profile, o: ProfileOptions): Schedule => {
  const d = o.durationS
  const r = o.rate
  switch (profile) {
    case 'steady':
      return { durationS: d, segments: [seg('steady', 0, d, r)], flash: [] }
    case 'ramp':
      return { durationS: d, segments: [seg('ramp', 0, d, 0, r)], flash: [] }
    case 'spike': {
      const [from, to] = spikeWindow(o, d / 3)
      const segments = [seg('before spike', 0, from, r), seg('spike', from, to, r * SPIKE_FACTOR), seg('after spike', to, d, r)]
      return { durationS: d, segments: segments.filter((s) => s.toS > s.fromS), flash: [] }
    }
    case 'flash-sale':
      return { durationS: d, segments: [seg('steady', 0, d, r)], flash: [flashBurst(o, d / 3)] }
    case 'black-friday':
      return blackFriday(o)
  }
}

/** The arrival rate (journeys per second, flash bursts excluded) at time t. */
export const rateAt = (s: Schedule, t: number): number => {
  const g = s.segments.find((x) => t >= x.fromS && t < x.toS)
  if (!g) return 0
  return g.rateFrom + ((g.rateTo - g.rateFrom) * (t - g.fromS)) / (g.toS - g.fromS)
}

/** Journeys (flash bursts excluded) that should have started by time t: the integral of the rate. */
export const arrivalsBy = (s: Schedule, t: number): number => {
  let n = 0
  for (const g of s.segments) {
    if (t <= g.fromS) break
    const end = Math.min(t, g.toS)
    n += ((g.rateFrom + rateAtWithin(g, end)) / 2) * (end - g.fromS)
  }
  return n
}

const rateAtWithin = (g: Segment, t: number) => g.rateFrom + ((g.rateTo - g.rateFrom) * (t - g.fromS)) / (g.toS - g.fromS)

/** Flash-sale shoppers that should have arrived by time t (spread evenly over each burst's window). */
export const flashArrivalsBy = (s: Schedule, t: number): number =>
  s.flash.reduce((n, f) => n + (t < f.atS ? 0 : Math.min(f.shoppers, Math.floor(((t - f.atS) / f.overS) * f.shoppers) + 1)), 0)

/** The segment label at t (the phase a second of the report belongs to). */
export const phaseAt = (s: Schedule, t: number): string => s.segments.find((x) => t >= x.fromS && t < x.toS)?.label ?? 'drain'
