import { sql } from 'drizzle-orm'
import { type Executor, queryRows } from '../../../platform/db/database.ts'
import type { Correction } from '../domain/search-words.ts'

/** For each query word, the closest term in the search dictionary (trigram distance, GiST KNN). */
export const correctWords = async (db: Executor, words: readonly string[]): Promise<Correction[]> => {
  if (words.length === 0) return []
  const rows = await queryRows<{ word: string; term: string | null; similarity: number | null }>(
    db,
    sql`select w.word, t.term, similarity(t.term, w.word)::float8 as similarity
      from unnest(array[${sql.join(
        words.map((w) => sql`${w}`),
        sql`, `,
      )}]::text[]) with ordinality as w(word, n)
      left join lateral (
        select term from catalog.search_terms order by term <-> w.word limit 1
      ) t on true
      order by w.n`,
  )
  return rows.map((r) => ({ word: r.word, term: r.term, similarity: r.similarity ?? 0 }))
}
