// Search queries for the bench: built from the real catalog's title words, and — for the uncached
// scenario — never the same query string twice in a run, so every request misses the response cache.

/** Lower-case words of a title, as a shopper would type them (letters, at least 3 of them). */
export const titleWords = (title: string): string[] =>
  title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3 && w !== 'edition')

/** A small deterministic PRNG (mulberry32), so a run's query order is reproducible. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const shuffle = <T>(xs: T[], seed: number): T[] => {
  const r = rng(seed)
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j] as T, xs[i] as T]
  }
  return xs
}

/** Phrases a shopper might type: every distinct title word, and every pair of adjacent title words. */
export const searchPhrases = (titles: readonly string[]): string[] => {
  const phrases = new Set<string>()
  for (const t of titles) {
    const words = titleWords(t)
    words.forEach((w, i) => {
      phrases.add(w)
      const next = words[i + 1]
      if (next && next !== w) phrases.add(`${w} ${next}`)
    })
  }
  return shuffle([...phrases].sort(), 42)
}

/** The page sizes the uncached scenario varies over: 10…30 except 20 (20 is what search-cached uses). */
export const UNCACHED_LIMITS = Array.from({ length: 21 }, (_, i) => 10 + i).filter((n) => n !== 20)
const CURRENCIES = [undefined, 'USD', 'GBP', 'NOK', 'SEK'] as const

export type UniqueQueries = {
  /** the path of the next never-used query */
  readonly next: () => string
  /** how many distinct query strings the generator can give before it would repeat */
  readonly capacity: number
  readonly issued: () => number
}

/**
 * Query i is phrase (i mod P) with page size and currency chosen by how many times the phrase list has
 * been gone through: (phrase, limit, currency) never repeats within `capacity` requests.
 */
export const uniqueSearchQueries = (phrases: readonly string[]): UniqueQueries => {
  if (phrases.length === 0) throw new Error('no search phrases: the catalog has no titles')
  const capacity = phrases.length * UNCACHED_LIMITS.length * CURRENCIES.length
  let i = 0
  return {
    capacity,
    issued: () => i,
    next: () => {
      const n = i++
      const round = Math.floor(n / phrases.length)
      const phrase = phrases[n % phrases.length] as string
      const limit = UNCACHED_LIMITS[round % UNCACHED_LIMITS.length] as number
      const currency = CURRENCIES[Math.floor(round / UNCACHED_LIMITS.length) % CURRENCIES.length]
      return `/store/products?q=${encodeURIComponent(phrase)}&limit=${limit}${currency ? `&currency=${currency}` : ''}`
    },
  }
}

/** A fixed set of search URLs (page size 20), for the cached scenario. */
export const cachedSearchPaths = (phrases: readonly string[], count = 20): string[] => {
  const singles = phrases.filter((p) => !p.includes(' ')).slice(0, count / 2)
  const pairs = phrases.filter((p) => p.includes(' ')).slice(0, count - singles.length)
  return [...singles, ...pairs].map((p) => `/store/products?q=${encodeURIComponent(p)}&limit=20`)
}

/** Counts answered paths: a repeat is an answered path that had been answered before in the run. */
export const repeatTracker = () => {
  const seen = new Set<string>()
  let responses = 0
  let repeats = 0
  return {
    record: (path: string) => {
      responses++
      if (seen.has(path)) repeats++
      else seen.add(path)
    },
    summary: () => ({ responses, distinct: seen.size, repeats, repeatRatio: responses ? repeats / responses : 0 }),
  }
}
