import { errorCode, type JsonClient } from './json-client.ts'
import { type LatencySummary, summarize } from './percentiles.ts'
import { checkoutBody, fillCart } from './shop-setup.ts'

export type CheckoutFlowResult = {
  readonly virtualUsers: number
  /** the pace asked for (flows a second), or null when the users bought as fast as they could */
  readonly pacedAt: number | null
  readonly seconds: number
  readonly completed: number
  readonly perSecond: number
  readonly failures: Record<string, number>
  readonly flow: LatencySummary
  readonly createCart: LatencySummary
  readonly addItem: LatencySummary
  readonly checkout: LatencySummary
}

/**
 * Closed loop: each virtual user creates a cart, adds a line and checks out (paying through the
 * sandbox gateway), then starts again at once. Only flows that start and finish inside the
 * measured window count; the warm-up's flows do not. With `ratePerSecond`, flow n starts no
 * earlier than n ÷ rate seconds after the start: the users then hold that rate (or fall behind
 * it, which the result shows) instead of buying as fast as they can.
 */
export const runCheckoutFlow = async (
  api: JsonClient,
  o: {
    virtualUsers: number
    warmupS: number
    durationS: number
    variants: readonly string[]
    shippingOptionId: string
    ratePerSecond?: number
    say: (l: string) => void
  },
): Promise<CheckoutFlowResult> => {
  const start = performance.now()
  const measureFrom = start + o.warmupS * 1000
  const measureTo = measureFrom + o.durationS * 1000
  const flow: number[] = []
  const createCart: number[] = []
  const addItem: number[] = []
  const checkout: number[] = []
  const failures: Record<string, number> = {}
  let n = 0
  let done = 0
  const ticker = setInterval(() => {
    const t = performance.now()
    const phase = t < measureFrom ? 'warm-up' : 'measuring'
    o.say(`    ${phase}: ${done} checkouts completed so far, ${Object.values(failures).reduce((a, b) => a + b, 0)} failed`)
  }, 5000)
  const user = async () => {
    while (performance.now() < measureTo) {
      const i = n++
      if (o.ratePerSecond) {
        const due = start + (i * 1000) / o.ratePerSecond
        if (due >= measureTo) break
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()))
      }
      const t0 = performance.now()
      const counted = t0 >= measureFrom
      const variant = o.variants[i % o.variants.length] as string
      const filled = await fillCart(api, variant)
      if (!filled.cartId) {
        if (counted) failures[`cart: ${filled.code}`] = (failures[`cart: ${filled.code}`] ?? 0) + 1
        continue
      }
      const c = await api.post(`/store/carts/${filled.cartId}/checkout`, checkoutBody(o.shippingOptionId, i))
      const t1 = performance.now()
      if (!counted || t1 > measureTo) continue
      createCart.push(filled.ms[0] as number)
      addItem.push(filled.ms[1] as number)
      checkout.push(c.ms)
      if (c.status === 201) {
        done++
        flow.push(t1 - t0)
      } else failures[`checkout: ${errorCode(c)}`] = (failures[`checkout: ${errorCode(c)}`] ?? 0) + 1
    }
  }
  try {
    await Promise.all(Array.from({ length: o.virtualUsers }, user))
  } finally {
    clearInterval(ticker)
  }
  return {
    virtualUsers: o.virtualUsers,
    pacedAt: o.ratePerSecond ?? null,
    seconds: o.durationS,
    completed: done,
    perSecond: Math.round((done / o.durationS) * 10) / 10,
    failures,
    flow: summarize(flow),
    createCart: summarize(createCart),
    addItem: summarize(addItem),
    checkout: summarize(checkout),
  }
}
