import type { LeafVocab } from './leaf-vocab.ts'
import type { Rng } from './prng.ts'

/** 2–4 sentences: an intro naming the product, one or two features, and usually a care or use note. */
export const buildDescription = (vocab: LeafVocab, title: string, rng: Rng): string => {
  const intro = rng.pick(vocab.intros).replace('{title}', title)
  const features = rng.sample(vocab.features, rng.chance(0.4) ? 2 : 1)
  const care = rng.chance(0.75) ? [rng.pick(vocab.care)] : []
  return [intro, ...features, ...care].join(' ')
}
