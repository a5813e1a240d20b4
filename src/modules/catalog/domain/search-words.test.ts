import { expect, test } from 'vitest'
import { buildTsQuery, searchWords } from './search-words.ts'

test('keeps only safe words', () => {
  expect(searchWords("Men's  T-Shirt & <script>")).toEqual(['men', 's', 't', 'shirt', 'script'])
  expect(searchWords("'; drop table x; --")).toEqual(['drop', 'table', 'x'])
  expect(searchWords('   ')).toEqual([])
})

test('adds the closest known term for a typo, and a prefix on the last word', () => {
  const q = buildTsQuery([
    { word: 'merrino', term: 'merino', similarity: 0.6 },
    { word: 'sweat', term: 'sweater', similarity: 0.5 },
  ])
  expect(q).toBe('(merrino | merino) & (sweat:* | sweater)')
})

test('ignores weak corrections', () => {
  expect(buildTsQuery([{ word: 'zzz', term: 'pizza', similarity: 0.1 }])).toBe('zzz:*')
})
