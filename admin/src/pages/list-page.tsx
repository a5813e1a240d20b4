// The pieces every list screen shares: the filter form, the table with its header row and "nothing here" row,
// and cursor paging whose filters live in the URL.
import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { go } from '../router.ts'
import { Pager } from './pager.tsx'

/** A trimmed text field of a submitted form ('' when absent). */
export const field = (form: FormData, name: string): string => String(form.get(name) ?? '').trim()

/** The filter bar (a search landmark when `search`): submitting it hands the form's fields to `onApply`, no reload. */
export const FilterForm = ({
  onApply,
  search = false,
  children,
}: {
  onApply: (form: FormData) => void
  search?: boolean
  children: ComponentChildren
}) => (
  <form
    class="filters"
    role={search ? 'search' : undefined}
    onSubmit={(e) => {
      e.preventDefault()
      onApply(new FormData(e.currentTarget))
    }}
  >
    {children}
  </form>
)

/** The free-text search field (`q`) of a filter bar. */
export const SearchField = ({ label, value, placeholder }: { label: string; value: string; placeholder?: string }) => (
  <label>
    {label}
    <input name="q" type="search" value={value} placeholder={placeholder} />
  </label>
)

/** A header cell: plain text, or `{ num }` for a right-aligned figure column. */
export type Column = string | { readonly num: string }

/** A list's table: the load error above it, a header row, one row per item and a single row when there are none. */
export const ListTable = <T,>({
  items,
  columns,
  row,
  empty,
  error,
  card = false,
  testId,
  tableClass,
}: {
  items: readonly T[] | undefined
  columns: readonly Column[]
  row: (item: T) => ComponentChildren
  empty: string
  error?: string | null
  card?: boolean
  testId?: string
  tableClass?: string
}) => (
  <>
    {error && <p class="error">{error}</p>}
    <div class={card ? 'card table-wrap' : 'table-wrap'}>
      <table class={tableClass} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <th key={c}>{c}</th>
              ) : (
                <th key={c.num} class="num">
                  {c.num}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {items?.map(row)}
          {items?.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  </>
)

export type ListPaging = {
  /** Goes to the first page of the list under new filters. */
  readonly apply: (filters: Record<string, string>) => void
  readonly back: boolean
  readonly onBack: () => void
  readonly onNext: (cursor: string) => void
}

/**
 * Cursor paging of a list at `path` whose filters and cursor live in the URL: the cursors of the pages before
 * this one are kept, so "Previous" needs no offset; new filters start again at the first page.
 */
export const useListPaging = (path: string, filters: Record<string, string>, cursor: string): ListPaging => {
  const [trail, setTrail] = useState<string[]>([])
  return {
    apply: (next) => {
      setTrail([])
      go(path, next)
    },
    back: trail.length > 0,
    onBack: () => {
      setTrail(trail.slice(0, -1))
      go(path, { ...filters, cursor: trail[trail.length - 1] ?? '' })
    },
    onNext: (c) => {
      setTrail([...trail, cursor])
      go(path, { ...filters, cursor: c })
    },
  }
}

/** The pager of a URL-paged list; `next` is the page's next cursor (none on the last page). */
export const ListPager = ({ paging, next }: { paging: ListPaging; next: string | null | undefined }) => (
  <Pager back={paging.back} next={next ?? null} onBack={paging.onBack} onNext={paging.onNext} />
)
