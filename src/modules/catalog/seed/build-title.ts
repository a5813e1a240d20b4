import type { LeafVocab } from './leaf-vocab.ts'
import type { Rng } from './prng.ts'
import { slugify } from './slugify.ts'

/** Collection names appended when a generated title is already taken. */
const COLLECTIONS = [
  'Fjord',
  'Nordic',
  'Harbour',
  'Aurora',
  'Atlas',
  'Heritage',
  'Studio',
  'Meridian',
  'Coastline',
  'Solstice',
  'Tidal',
  'Evergreen',
] as const

/** One word from each part of the leaf's vocabulary: "Merino Crew-Neck Sweater". */
export const composeTitle = (vocab: LeafVocab, rng: Rng): string =>
  vocab.parts
    .map((part) => rng.pick(part))
    .filter((word) => word !== '')
    .join(' ')

const FRESH_TRIES = 4

/**
 * A title not yet in `taken` (keyed by handle): a fresh composition if one of a few draws is free, otherwise
 * the last draw made unique with `claimUniqueTitle`. Records the claim in `taken`.
 */
export const uniqueTitle = (vocab: LeafVocab, taken: Set<string>, rng: Rng): string => {
  let base = composeTitle(vocab, rng)
  for (let i = 1; i < FRESH_TRIES && taken.has(slugify(base)); i++) base = composeTitle(vocab, rng)
  return claimUniqueTitle(base, taken, rng)
}

/**
 * Returns `base`, or base plus a collection name, or base plus a number, whichever is free first.
 * Uniqueness is by handle (slug), so titles and handles are both unique. Records the claim in `taken`.
 */
export const claimUniqueTitle = (base: string, taken: Set<string>, rng: Rng): string => {
  const candidates = [base, ...rng.sample(COLLECTIONS, 3).map((c) => `${base} – ${c} Edition`)]
  let title = candidates.find((t) => !taken.has(slugify(t)))
  for (let n = 2; title === undefined; n++) {
    const numbered = `${base} #${n}`
    if (!taken.has(slugify(numbered))) title = numbered
  }
  taken.add(slugify(title))
  return title
}
