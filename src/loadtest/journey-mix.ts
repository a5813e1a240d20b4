/** The kinds of shopper journey, in the order the report lists them. */
export const JOURNEYS = ['browse', 'search', 'product', 'cart', 'checkout'] as const
export type JourneyKind = (typeof JOURNEYS)[number]
export type JourneyMix = Readonly<Record<JourneyKind, number>>

/** Most visitors look, a few buy: roughly the funnel of a busy shop. */
export const DEFAULT_MIX: JourneyMix = { browse: 30, search: 25, product: 25, cart: 12, checkout: 8 }

/** `browse=30,search=25,…`: weights (any scale); kinds left out weigh 0. */
export const parseMix = (text: string): JourneyMix | string => {
  const mix: Record<JourneyKind, number> = { browse: 0, search: 0, product: 0, cart: 0, checkout: 0 }
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, value] = part.split('=')
    if (!JOURNEYS.includes(name as JourneyKind)) return `unknown journey "${name}" (known: ${JOURNEYS.join(', ')})`
    const n = Number(value)
    if (value === undefined || !Number.isFinite(n) || n < 0) return `weight of ${name} must be a number ≥ 0`
    mix[name as JourneyKind] = n
  }
  if (JOURNEYS.every((k) => mix[k] === 0)) return 'the mix needs at least one journey with a weight above 0'
  return mix
}

/** Picks a journey kind for a uniform random number u in [0, 1). */
export const pickJourney = (mix: JourneyMix, u: number): JourneyKind => {
  const total = JOURNEYS.reduce((a, k) => a + mix[k], 0)
  let x = u * total
  for (const k of JOURNEYS) {
    if (x < mix[k]) return k
    x -= mix[k]
  }
  return JOURNEYS.filter((k) => mix[k] > 0).at(-1) as JourneyKind
}
