import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { parse } from 'yaml'
import { collectProcessMetrics, metricsRegistry } from '../../src/platform/metrics/index.ts'
import { startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { address, post } from '../checkout/shop.ts'
import { crest, type ServeProcess, startServe } from '../support/crest-process.ts'
import { familiesOf, parseSamples, type Sample } from './prometheus-text.ts'
import { type PromqlUse, promqlUse } from './promql-names.ts'

const root = new URL('../../', import.meta.url)
type Rule = { alert?: string; record?: string; expr: string }
type Panel = { title?: string; targets?: { expr?: string }[]; panels?: Panel[] }

const alertExprs = (): [string, string][] => {
  const doc = parse(readFileSync(new URL('deploy/prometheus/alerts.yml', root), 'utf8')) as { groups: { rules: Rule[] }[] }
  return doc.groups.flatMap((g) => g.rules.map((r) => [`alert ${r.alert ?? r.record}`, r.expr] as [string, string]))
}

const dashboard = () =>
  JSON.parse(readFileSync(new URL('deploy/grafana/crest-dashboard.json', root), 'utf8')) as {
    panels: Panel[]
    templating: { list: { name: string; definition?: string }[] }
  }

/** Grafana's own variables, replaced by what Grafana would put there. */
const asPromql = (expr: string) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$__interval', '1m')

const dashboardExprs = (): [string, string][] => {
  const out: [string, string][] = []
  const walk = (panels: readonly Panel[]) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) if (t.expr) out.push([`panel "${p.title}"`, asPromql(t.expr)])
      walk(p.panels ?? [])
    }
  }
  walk(dashboard().panels)
  return out
}

const LATER = ['le', 'job', 'instance'] // `le` on buckets; job and instance are added by Prometheus

let serve: ServeProcess
let sandbox: Awaited<ReturnType<typeof startSandboxPayments>>
let families: Map<string, string>
let samples: Sample[]
const dataDir = mkdtempSync(join(tmpdir(), 'crest-deploy-names-'))

beforeAll(async () => {
  sandbox = await startSandboxPayments({ port: 0 })
  const env = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}` }
  await crest(['seed', '--products', '5'], env)
  serve = await startServe(env)
  // a few requests, a placed order and a declined one, so labelled series have samples
  const products = (await (await fetch(`${serve.url}/store/products?limit=5`)).json()).products as {
    handle: string
    variants: { id: string }[]
  }[]
  for (const p of products) await fetch(`${serve.url}/store/products/${p.handle}`)
  for (const token of ['tok_ok', 'tok_declined']) {
    const cart = (await post(`${serve.url}/store/carts`, {})).body.cart
    await post(`${serve.url}/store/carts/${cart.id}/items`, { variant_id: products[0]?.variants[0]?.id, quantity: 1 })
    const options = await (await fetch(`${serve.url}/store/carts/${cart.id}/shipping-options?country=NO`)).json()
    await post(`${serve.url}/store/carts/${cart.id}/checkout`, {
      email: 'buyer@example.test',
      shipping_address: address,
      shipping_option_id: options.shipping_options[0].id,
      payment: { provider: 'sandbox', token },
    })
  }
  const text = await (await fetch(`${serve.url}/metrics`)).text()
  families = familiesOf(text)
  samples = parseSamples(text)
  collectProcessMetrics() // this process's registry knows the label names of series without samples yet
}, 180_000)
afterAll(async () => {
  await serve?.stop()
  await sandbox?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** The family a series name belongs to: itself, or a histogram's/summary's `_bucket`, `_sum`, `_count`. */
const familyOf = (name: string): string | undefined => {
  if (families.has(name)) return name
  const m = /^(.*)_(bucket|sum|count)$/.exec(name)
  const base = m?.[1]
  return base && ['histogram', 'summary'].includes(families.get(base) ?? '') ? base : undefined
}

/** Label names a series carries: from the scrape's samples, else from the metric's definition. */
const labelsOf = (name: string): Set<string> => {
  const family = familyOf(name) ?? name
  const seen = new Set(
    samples.filter((s) => s.name === name || s.name.startsWith(`${family}_`) || s.name === family).flatMap((s) => Object.keys(s.labels)),
  )
  const defined = (metricsRegistry.getSingleMetric(family) as unknown as { labelNames?: string[] } | undefined)?.labelNames ?? []
  return new Set([...seen, ...defined, ...LATER])
}

const check = (where: string, use: PromqlUse): string[] => [
  ...use.errors.map((e) => `${where}: ${e}`),
  ...use.metrics.filter((m) => familyOf(m) === undefined).map((m) => `${where}: ${m} is not exported by /metrics`),
  ...use.matchers.flatMap((s) =>
    s.labels.filter((l) => !labelsOf(s.metric).has(l)).map((l) => `${where}: ${s.metric} has no label "${l}"`),
  ),
  ...use.groupings.flatMap((g) =>
    g.labels
      .filter((l) => g.metrics.length > 0 && !g.metrics.some((m) => labelsOf(m).has(l)))
      .map((l) => `${where}: no metric in "by (${l})" has that label (${g.metrics.join(', ')})`),
  ),
]

test('the files name enough to be worth checking', () => {
  expect(alertExprs().length).toBeGreaterThanOrEqual(10)
  expect(dashboardExprs().length).toBeGreaterThanOrEqual(30)
  const names = new Set([...alertExprs(), ...dashboardExprs()].flatMap(([, e]) => promqlUse(e).metrics))
  for (const required of [
    'http_server_request_duration_seconds_bucket',
    'crest_payment_breaker_state',
    'crest_outbox_lag_seconds',
    'db_replica_lag_seconds',
    'crest_top_seller_stock_available_units',
    'crest_checkout_failures_total',
  ])
    expect(names).toContain(required)
})

test('every metric in every alert rule is exported by a running Crest, with the labels the rule uses', () => {
  expect(alertExprs().flatMap(([where, expr]) => check(where, promqlUse(expr)))).toEqual([])
})

test('every metric in every dashboard panel is exported by a running Crest, with the labels the panel uses', () => {
  expect(dashboardExprs().flatMap(([where, expr]) => check(where, promqlUse(expr)))).toEqual([])
  for (const v of dashboard().templating.list) {
    const m = /label_values\(([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(v.definition ?? '')
    if (m) expect(familyOf(m[1] as string), `variable ${v.name}`).toBeDefined()
  }
})

test('the checker catches a name that is not exported and a label that does not exist', () => {
  expect(check('probe', promqlUse('rate(crest_orders_placd_total[5m])'))).toEqual([
    'probe: crest_orders_placd_total is not exported by /metrics',
  ])
  expect(check('probe', promqlUse('sum by (gatway) (crest_payment_attempts_total{gateway="x"})'))).toHaveLength(1)
  expect(check('probe', promqlUse('crest_payment_attempts_total{gatewy="x"}'))).toHaveLength(1)
})
