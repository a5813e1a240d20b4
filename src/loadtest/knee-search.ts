/**
 * Knee finding: raise the arrival rate step by step (×growth) until a step fails, then bisect
 * between the last rate held and the first one lost. A rate is held when p99 stays under the
 * target, errors (and shed answers) stay under a bound, and the generator really offered the rate.
 * Bounded: at most maxSteps trials in all. The trial itself is injected (a real run, or a fake in
 * a unit test).
 */
export type TrialResult = {
  readonly rate: number
  readonly p99Ms: number
  /** errors ÷ requests */
  readonly errorRate: number
  /** shed (429/503 + Retry-After) ÷ requests */
  readonly shedRate: number
  /** journeys started ÷ journeys the schedule asked for (below 1: the generator's in-flight cap bit) */
  readonly offeredRatio: number
}

export type KneeOptions = {
  readonly startRate: number
  readonly growth: number
  readonly maxSteps: number
  /** bisection steps after the first failure (part of maxSteps) */
  readonly refineSteps: number
  readonly p99TargetMs: number
  readonly maxErrorRate: number
}

export type KneeStep = TrialResult & { readonly held: boolean; readonly why: string }
export type KneeResult = { readonly kneeRate: number | null; readonly steps: readonly KneeStep[] }

export const judgeStep = (t: TrialResult, o: KneeOptions): KneeStep => {
  const why: string[] = []
  if (t.p99Ms > o.p99TargetMs) why.push(`p99 ${t.p99Ms} ms > ${o.p99TargetMs} ms`)
  if (t.errorRate > o.maxErrorRate) why.push(`errors ${(t.errorRate * 100).toFixed(2)} % > ${(o.maxErrorRate * 100).toFixed(2)} %`)
  if (t.shedRate > o.maxErrorRate) why.push(`shed ${(t.shedRate * 100).toFixed(2)} % > ${(o.maxErrorRate * 100).toFixed(2)} %`)
  if (t.offeredRatio < 0.95) why.push(`generator offered only ${(t.offeredRatio * 100).toFixed(0)} % of the rate`)
  return { ...t, held: why.length === 0, why: why.length ? why.join('; ') : 'held' }
}

const roundRate = (r: number) => Math.round(r * 10) / 10

export const findKnee = async (o: KneeOptions, trial: (rate: number) => Promise<TrialResult>): Promise<KneeResult> => {
  const steps: KneeStep[] = []
  let held: number | null = null
  let lost: number | null = null
  let rate = o.startRate
  while (steps.length < o.maxSteps && lost === null) {
    const s = judgeStep(await trial(rate), o)
    steps.push(s)
    if (s.held) {
      held = rate
      rate = roundRate(rate * o.growth)
    } else lost = rate
  }
  for (let i = 0; i < o.refineSteps && steps.length < o.maxSteps && held !== null && lost !== null; i++) {
    const mid = roundRate((held + lost) / 2)
    if (mid <= held || mid >= lost) break
    const s = judgeStep(await trial(mid), o)
    steps.push(s)
    if (s.held) held = mid
    else lost = mid
  }
  return { kneeRate: held, steps }
}
