/** A half-open interval of instants (from, to]. */
export type Window = { readonly from: Date; readonly to: Date }

export type BoundaryClock = {
  /** the `now` of the previous successful run in this process; null on the first run */
  readonly watermark: Date | null
  readonly now: Date
  /** on the first run (or after the clock went back), boundaries this recent count as just passed */
  readonly lookbackMs: number
  /** every boundary is applied a second time this long after it passed, for clock skew between processes */
  readonly settleMs: number
}

/**
 * Which schedule boundaries (starts or ends) a run must apply. A spare application is harmless (a cache bump),
 * a missed one is not, so: the first run looks back `lookbackMs`; later runs take (watermark, now]; and each
 * boundary comes round once more `settleMs` later, in case another process rendered a page with a clock
 * slightly behind ours just after our first bump.
 */
export const boundaryWindows = (c: BoundaryClock): Window[] => {
  const now = c.now.getTime()
  if (c.watermark === null || c.watermark.getTime() > now) return [{ from: new Date(now - c.lookbackMs), to: c.now }]
  const last = c.watermark.getTime()
  const fresh = { from: c.watermark, to: c.now }
  const settling = { from: new Date(last - c.settleMs), to: new Date(now - c.settleMs) }
  return settling.to.getTime() > settling.from.getTime() ? [fresh, settling] : [fresh]
}
