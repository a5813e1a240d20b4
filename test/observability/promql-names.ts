import { parser } from '@prometheus-io/lezer-promql'

/** What one PromQL expression reads: its metric names and, per aggregation, the labels it groups by. */
export type PromqlUse = {
  readonly metrics: readonly string[]
  /** label matchers: metric → label names matched on it */
  readonly matchers: readonly { readonly metric: string; readonly labels: readonly string[] }[]
  /** `sum by (a, b) (…)`: the labels and the metrics inside */
  readonly groupings: readonly { readonly labels: readonly string[]; readonly metrics: readonly string[] }[]
  readonly errors: readonly string[]
}

type Node = {
  name: string
  from: number
  to: number
  firstChild: Node | null
  nextSibling: Node | null
  parent: Node | null
  type: { isError: boolean }
}

const children = (n: Node): Node[] => {
  const out: Node[] = []
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c)
  return out
}
const descendants = function* (n: Node): Generator<Node> {
  for (const c of children(n)) {
    yield c
    yield* descendants(c)
  }
}

const unquote = (s: string) => s.replace(/^["'`]|["'`]$/g, '')

/**
 * Parses PromQL with Prometheus's own grammar (@prometheus-io/lezer-promql, the parser of the
 * Prometheus UI) and reports every metric name it selects — by name or by `{__name__="…"}` —
 * and the label names it matches and groups by. Syntax errors are reported, not skipped.
 */
export const promqlUse = (expr: string): PromqlUse => {
  const top = parser.parse(expr).topNode as unknown as Node
  const errors: string[] = []
  const selectorMetric = (sel: Node): { metric: string | null; labels: string[] } => {
    let metric: string | null = null
    const labels: string[] = []
    for (const d of descendants(sel)) {
      if (d.name === 'Identifier' && d.parent?.name === 'VectorSelector') metric = expr.slice(d.from, d.to)
      if (d.name === 'UnquotedLabelMatcher' || d.name === 'QuotedLabelMatcher') {
        const [label, , value] = children(d)
        const labelName = label ? unquote(expr.slice(label.from, label.to)) : ''
        if (labelName === '__name__' && value) metric = unquote(expr.slice(value.from, value.to))
        else if (labelName) labels.push(labelName)
      }
    }
    return { metric, labels }
  }
  const selectors: Node[] = []
  const aggregates: Node[] = []
  for (const n of [top, ...descendants(top)]) {
    if (n.type.isError) errors.push(`syntax error at ${n.from}: …${expr.slice(Math.max(0, n.from - 20), n.from + 20)}…`)
    if (n.name === 'VectorSelector') selectors.push(n)
    if (n.name === 'AggregateExpr') aggregates.push(n)
  }
  const matchers = selectors.map(selectorMetric).filter((s): s is { metric: string; labels: string[] } => s.metric !== null)
  const groupings = aggregates.map((a) => {
    const modifier = children(a).find((c) => c.name === 'AggregateModifier')
    const labels = modifier ? [...descendants(modifier)].filter((d) => d.name === 'LabelName').map((d) => expr.slice(d.from, d.to)) : []
    const metrics = [...descendants(a)]
      .filter((d) => d.name === 'VectorSelector')
      .map((s) => selectorMetric(s).metric)
      .filter((m): m is string => m !== null)
    return { labels, metrics }
  })
  return { metrics: [...new Set(matchers.map((m) => m.metric))], matchers, groupings, errors }
}
