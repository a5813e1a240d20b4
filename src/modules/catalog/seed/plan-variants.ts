import type { OptionAxis, OptionScheme } from './option-schemes.ts'
import { optionCode } from './option-schemes.ts'
import type { Rng } from './prng.ts'

/** One variant before it gets an id, SKU and prices. `factor` scales the product's base price. */
export type VariantPlan = {
  readonly options: Readonly<Record<string, string>>
  readonly title: string
  /** SKU suffix such as "M-BLU"; empty for a single default variant */
  readonly code: string
  readonly factor: number
}

export const SINGLE_VARIANT: VariantPlan = { options: {}, title: 'Default', code: '', factor: 1 }

/** Share of products with 1, 2, 3, 4 and 5 variants. */
const COUNT_WEIGHTS = [0.25, 0.15, 0.25, 0.2, 0.15] as const

const pickCount = (rng: Rng): number => {
  let r = rng.next()
  for (const [i, w] of COUNT_WEIGHTS.entries()) {
    if (r < w) return i + 1
    r -= w
  }
  return COUNT_WEIGHTS.length
}

type Choice = { readonly axis: OptionAxis; readonly index: number }

/** k value indexes: a run of neighbours for sizes, any k for colours and finishes. */
const pickIndexes = (axis: OptionAxis, k: number, rng: Rng): number[] => {
  const all = axis.values.map((_, i) => i)
  if (!axis.ordered) return rng.sample(all, k)
  const start = rng.int(0, axis.values.length - k)
  return all.slice(start, start + k)
}

const toPlan = (choices: readonly Choice[]): VariantPlan => {
  const values = choices.map((c) => c.axis.values[c.index] as string)
  return {
    options: Object.fromEntries(choices.map((c, i) => [c.axis.name, values[i] as string])),
    title: values.join(' / '),
    code: values.map(optionCode).join('-'),
    factor: choices.reduce((f, c) => f * (c.axis.priceFactors?.[c.index] ?? 1), 1),
  }
}

/** 1–5 variants; every variant of a product has the same option keys. */
export const planVariants = (scheme: OptionScheme, rng: Rng): VariantPlan[] => {
  const wanted = pickCount(rng)
  const [first, second] = scheme
  if (wanted === 1 || !first) return [SINGLE_VARIANT]
  if (second && wanted === 4 && rng.chance(0.5)) {
    const rows = pickIndexes(first, 2, rng)
    const cols = pickIndexes(second, 2, rng)
    return rows.flatMap((r) =>
      cols.map((c) =>
        toPlan([
          { axis: first, index: r },
          { axis: second, index: c },
        ]),
      ),
    )
  }
  const fitting = scheme.filter((a) => a.values.length >= wanted)
  const axis = fitting.length > 0 ? rng.pick(fitting) : first
  const k = Math.min(wanted, axis.values.length)
  return pickIndexes(axis, k, rng).map((index) => toPlan([{ axis, index }]))
}
