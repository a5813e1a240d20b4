/** Deterministic pseudo-random numbers for seed data. Never use Math.random() here. */

/** mulberry32: a tiny 32-bit PRNG; returns floats in [0, 1). */
export const mulberry32 = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Derives an independent 32-bit seed for a sub-stream (e.g. one product), so items don't shift each other. */
export const mixSeed = (seed: number, stream: number): number => {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0
  return (h ^ (h >>> 16)) >>> 0
}

export type Rng = {
  readonly next: () => number
  /** integer in [min, max], both inclusive */
  readonly int: (min: number, max: number) => number
  readonly chance: (p: number) => boolean
  readonly pick: <T>(items: readonly T[]) => T
  /** k distinct items, kept in their original order */
  readonly sample: <T>(items: readonly T[], k: number) => T[]
}

export const createRng = (seed: number): Rng => {
  const next = mulberry32(seed)
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[int(0, items.length - 1)] as T
  }
  const sample = <T>(items: readonly T[], k: number): T[] => {
    const idx = items.map((_, i) => i)
    for (let i = 0; i < k && i < idx.length; i++) {
      const j = int(i, idx.length - 1)
      const tmp = idx[i] as number
      idx[i] = idx[j] as number
      idx[j] = tmp
    }
    return idx
      .slice(0, k)
      .sort((a, b) => a - b)
      .map((i) => items[i] as T)
  }
  return { next, int, chance: (p) => next() < p, pick, sample }
}
