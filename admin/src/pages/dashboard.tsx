import { useEffect, useRef, useState } from 'preact/hooks'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import { api, messageOf } from '../api.ts'
import { money } from '../format.ts'

type Summary = {
  since: string
  orders_today: number
  revenue_today: { amount: number; currency: string }[]
  orders_per_minute: { minute: string; orders: number }[]
  top_products: { variant_id: string; sku: string; title: string; units: number }[]
  low_stock: { variant_id: string; sku: string; title: string; product_title: string; available: number }[]
}

const POLL_MS = 5000

/** Orders per minute as a live uPlot chart; its data is replaced on every poll, the chart is made once. */
const OrdersChart = ({ points }: { points: Summary['orders_per_minute'] }) => {
  const box = useRef<HTMLDivElement>(null)
  const plot = useRef<uPlot | null>(null)
  useEffect(() => {
    const el = box.current
    if (!el) return
    const width = () => Math.max(280, el.clientWidth - 8)
    plot.current = new uPlot(
      {
        width: width(),
        height: 220,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.2))] } },
        axes: [{}, { label: 'orders / min' }],
        series: [{}, { label: 'Orders', stroke: '#2453d4', fill: '#2453d422', width: 2, points: { show: false } }],
        legend: { show: false },
      },
      [[], []],
      el,
    )
    const onResize = () => plot.current?.setSize({ width: width(), height: 220 })
    window.addEventListener('resize', onResize)
    return () => {
      window.removeEventListener('resize', onResize)
      plot.current?.destroy()
      plot.current = null
    }
  }, [])
  useEffect(() => {
    plot.current?.setData([points.map((p) => Date.parse(p.minute) / 1000), points.map((p) => p.orders)])
  }, [points])
  return <div class="chart" ref={box} data-testid="orders-chart" />
}

/** Today at a glance, refreshed every few seconds (GET /admin/reports/summary). */
export const Dashboard = () => {
  const [data, setData] = useState<Summary | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const poll = async () => {
      try {
        const s = await api<Summary>('GET', '/reports/summary?minutes=60')
        if (live) {
          setData(s)
          setError(null)
        }
      } catch (e) {
        if (live) setError(messageOf(e))
      }
      if (live) timer = setTimeout(poll, document.hidden ? POLL_MS * 4 : POLL_MS)
    }
    void poll()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [])
  const lastMinute = data?.orders_per_minute.at(-1)?.orders ?? 0
  return (
    <section>
      <h1>Dashboard</h1>
      {error && <p class="error">{error}</p>}
      <div class="tiles">
        <div class="tile">
          <div class="value" data-testid="revenue-today">
            {data ? (data.revenue_today.length ? data.revenue_today.map((r) => money(r)).join(' + ') : money({ amount: 0, currency: 'EUR' })) : '…'}
          </div>
          <div class="label">Revenue today (UTC)</div>
        </div>
        <div class="tile">
          <div class="value" data-testid="orders-today">
            {data?.orders_today ?? '…'}
          </div>
          <div class="label">Orders today</div>
        </div>
        <div class="tile">
          <div class="value">{data ? lastMinute : '…'}</div>
          <div class="label">Orders this minute</div>
        </div>
      </div>
      <div class="card">
        <h2>Orders per minute, last hour</h2>
        <OrdersChart points={data?.orders_per_minute ?? []} />
      </div>
      <div class="grid2">
        <div class="card">
          <h2>Top products today</h2>
          {data?.top_products.length === 0 && <p class="hint">No sales yet today.</p>}
          <ol>
            {data?.top_products.map((p) => (
              <li key={p.variant_id}>
                {p.title} <small>({p.sku})</small>: {p.units} sold
              </li>
            ))}
          </ol>
        </div>
        <div class="card">
          <h2>Low stock</h2>
          {data?.low_stock.length === 0 && <p class="hint">Nothing is running low.</p>}
          <ul data-testid="low-stock">
            {data?.low_stock.map((l) => (
              <li key={l.variant_id}>
                <a href={`#/inventory?q=${encodeURIComponent(l.product_title)}`}>{l.title}</a>: {l.available} left
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  )
}
