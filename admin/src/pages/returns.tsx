import { useState } from 'preact/hooks'
import { api, messageOf, query } from '../api.ts'
import { money, when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { go } from '../router.ts'
import type { Return } from '../types.ts'
import { ListPager, ListTable, useListPaging } from './list-page.tsx'

const STATUSES = ['', 'requested', 'approved', 'received', 'completed', 'rejected']

/** The returns queue (GET /admin/returns), oldest work first by status filter, with each step's action. */
export const Returns = ({ params }: { params: URLSearchParams }) => {
  const shown = params.get('status') ?? 'requested'
  const status = shown === 'all' ? '' : shown
  const orderId = params.get('order_id') ?? ''
  const cursor = params.get('cursor') ?? ''
  const paging = useListPaging('/returns', { status: shown, order_id: orderId }, cursor)
  const [msg, setMsg] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const page = useLoad(
    () => api<{ returns: Return[]; next_cursor: string | null }>('GET', `/returns${query({ status, order_id: orderId, cursor, limit: 25 })}`),
    [status, orderId, cursor],
  )
  const act = async (label: string, run: () => Promise<unknown>) => {
    setMsg(null)
    try {
      await run()
      setMsg({ kind: 'ok', text: `${label}: done.` })
    } catch (e) {
      setMsg({ kind: 'error', text: `${label} failed: ${messageOf(e)}` })
    }
    page.reload()
  }
  return (
    <section>
      <h1>Returns</h1>
      <form class="filters">
        <label>
          Status
          <select name="status" value={shown} onChange={(e) => go('/returns', { status: e.currentTarget.value, order_id: orderId })}>
            {STATUSES.map((s) => (
              <option key={s} value={s || 'all'}>
                {s || 'any'}
              </option>
            ))}
          </select>
        </label>
      </form>
      {msg && <p class={msg.kind}>{msg.text}</p>}
      <ListTable
        error={page.error}
        columns={['Return', 'Order', 'Asked', 'Items', 'Status', { num: 'Refund' }, 'Action']}
        items={page.data?.returns}
        empty="Nothing here."
        row={(r) => (
          <tr key={r.id}>
            <td>{r.id}</td>
            <td>
              <a href={`#/orders/${r.order_id}`}>#{r.order_number}</a>
            </td>
            <td>{when(r.created_at)}</td>
            <td>{r.items.map((i) => `${i.quantity} × ${i.title}`).join(', ')}</td>
            <td>{r.status}</td>
            <td class="num">
              {money(r.refund_amount)} <small>{r.refund_status}</small>
            </td>
            <td class="row-actions">
              {r.status === 'requested' && (
                <>
                  <button type="button" onClick={() => act('Approve', () => api('POST', `/returns/${r.id}/approve`, {}))}>
                    Approve
                  </button>
                  <button
                    type="button"
                    class="danger"
                    onClick={() => act('Reject', () => api('POST', `/returns/${r.id}/reject`, { reason: 'rejected by staff' }))}
                  >
                    Reject
                  </button>
                </>
              )}
              {r.status === 'approved' && (
                <button
                  type="button"
                  onClick={() =>
                    act('Receive', () => api('POST', `/returns/${r.id}/receive`, { items: r.items.map((i) => ({ id: i.id, condition: 'sellable' })) }))
                  }
                >
                  Receive (restock)
                </button>
              )}
              {r.refund_status === 'failed' && (
                <button type="button" onClick={() => act('Refund', () => api('POST', `/returns/${r.id}/refund`, {}))}>
                  Retry refund
                </button>
              )}
            </td>
          </tr>
        )}
      />
      <ListPager paging={paging} next={page.data?.next_cursor} />
    </section>
  )
}
