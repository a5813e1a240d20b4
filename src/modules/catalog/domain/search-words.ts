const MAX_WORDS = 8

/** Words of a search query: lower case letters and digits only, so they are safe in a tsquery. */
export const searchWords = (q: string): string[] =>
  q
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && w.length <= 40)
    .slice(0, MAX_WORDS)

export type Correction = { readonly word: string; readonly term: string | null; readonly similarity: number }

const MIN_SIMILARITY = 0.3

/**
 * A tsquery where each word matches itself or its closest known term (typo tolerance); the last
 * word also matches as a prefix, for search-as-you-type. Words are pre-sanitised by searchWords.
 */
export const buildTsQuery = (corrections: readonly Correction[]): string =>
  corrections
    .map((c, i) => {
      const alts = new Set([c.word])
      if (c.term && c.term !== c.word && c.similarity >= MIN_SIMILARITY && /^[a-z0-9]+$/.test(c.term)) alts.add(c.term)
      const parts = [...alts].map((a, j) => (i === corrections.length - 1 && j === 0 && a.length >= 3 ? `${a}:*` : a))
      return parts.length > 1 ? `(${parts.join(' | ')})` : (parts[0] as string)
    })
    .join(' & ')
