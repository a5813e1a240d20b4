import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import { type Row, SECTIONS } from './records-config.ts'
import { Pager } from './pager.tsx'

const ISO = /^\d{4}-\d{2}-\d{2}T/
const cell = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'string' && ISO.test(v)) return when(v)
  return String(v)
}

/** One admin collection as a table (server-side filters and cursor paging), with its row actions. */
export const Records = ({ section, id, params }: { section: string; id?: string; params: URLSearchParams }) => {
  const s = SECTIONS[section]
  const [trail, setTrail] = useState<string[]>([])
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const here = `/${section === 'deliveries' ? `webhooks/${id}/deliveries` : section}`
  const filters = Object.fromEntries((s?.filters ?? []).map((f) => [f.name, params.get(f.name) ?? '']))
  const cursor = params.get('cursor') ?? ''
  const page = useLoad(
    () => (s ? api<Record<string, unknown>>('GET', `${s.path(id)}${query({ ...filters, ...(s.paged && { cursor, limit: 25 }) })}`) : Promise.reject(new Error('unknown page'))),
    [section, id, params.toString()],
  )
  if (!s) return <p class="error">Unknown page.</p>
  const rows = (page.data?.[s.key] as Row[] | undefined) ?? []
  const next = (page.data?.next_cursor as string | null | undefined) ?? null
  const act = async (label: string, method: 'POST' | 'DELETE', path: string) => {
    setMsg(null)
    try {
      await api(method, path, method === 'POST' ? {} : undefined)
      setMsg({ kind: 'ok', text: `${label}: done.` })
    } catch (e) {
      setMsg({ kind: 'error', text: `${label} failed: ${messageOf(e)}` })
    }
    page.reload()
  }
  return (
    <section>
      {section === 'deliveries' && (
        <p>
          <a href="#/webhooks">← Webhooks</a>
        </p>
      )}
      <h1>{s.title}</h1>
      {s.filters && (
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault()
            setTrail([])
            const data = new FormData(e.currentTarget)
            go(here, Object.fromEntries((s.filters ?? []).map((f) => [f.name, String(data.get(f.name) ?? '').trim()])))
          }}
        >
          {s.filters.map((f) => (
            <label key={f.name}>
              {f.label}
              {f.options ? (
                <select name={f.name} value={filters[f.name]}>
                  {f.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input name={f.name} value={filters[f.name]} />
              )}
            </label>
          ))}
          <button type="submit">Filter</button>
        </form>
      )}
      {msg && <p class={msg.kind}>{msg.text}</p>}
      {page.error && <p class="error">{page.error}</p>}
      <div class="table-wrap">
        <table data-testid={`records-${section}`}>
          <thead>
            <tr>
              {s.columns.map((c) => (
                <th key={c.label}>{c.label}</th>
              ))}
              {(s.actions || s.link) && <th />}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={String(r.id ?? i)}>
                {s.columns.map((c) => (
                  <td key={c.label}>{cell(c.value(r))}</td>
                ))}
                {(s.actions || s.link) && (
                  <td class="row-actions">
                    {s.link && <a href={s.link.href(r)}>{s.link.label}</a>}
                    {s.actions
                      ?.filter((a) => a.when(r))
                      .map((a) => (
                        <button type="button" key={a.label} class={a.danger ? 'danger' : ''} onClick={() => act(a.label, a.method, a.path(r))}>
                          {a.label}
                        </button>
                      ))}
                  </td>
                )}
              </tr>
            ))}
            {page.data && rows.length === 0 && (
              <tr>
                <td colSpan={s.columns.length + 1}>Nothing here.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {s.paged && (
        <Pager
          back={trail.length > 0}
          next={next}
          onBack={() => {
            setTrail(trail.slice(0, -1))
            go(here, { ...filters, cursor: trail[trail.length - 1] ?? '' })
          }}
          onNext={(c) => {
            setTrail([...trail, cursor])
            go(here, { ...filters, cursor: c })
          }}
        />
      )}
    </section>
  )
}
