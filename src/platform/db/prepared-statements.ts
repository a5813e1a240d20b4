import type pg from 'pg'

/** The name a statement text runs under, or undefined to run it unnamed (parsed and planned each time). */
export type StatementNamer = (text: string) => string | undefined

export type StatementNamerOptions = {
  /** distinct texts given a name per pool; each open connection may prepare each of them once */
  readonly maxNames: number
  /** a text gets its name the n-th time it runs: texts run once (an odd report, a one-off list) are never prepared */
  readonly minUses: number
  /** texts seen fewer than minUses times that are remembered; past it the count starts again */
  readonly maxTracked: number
}

const defaults: StatementNamerOptions = { maxNames: 1000, minUses: 2, maxTracked: 10_000 }

/**
 * Gives the statements a process runs again and again a stable name, so PostgreSQL parses and
 * plans each once per connection instead of once per run (decision 0022). Bounded: past
 * `maxNames` new texts run unnamed, and the texts waiting for their second run are forgotten in
 * one go when there are `maxTracked` of them.
 */
export const createStatementNamer = (o: StatementNamerOptions = defaults): StatementNamer => {
  const names = new Map<string, string>()
  const uses = new Map<string, number>()
  return (text) => {
    const known = names.get(text)
    if (known !== undefined || names.size >= o.maxNames) return known
    const n = (uses.get(text) ?? 0) + 1
    if (n < o.minUses) {
      if (uses.size >= o.maxTracked) uses.clear()
      uses.set(text, n)
      return undefined
    }
    uses.delete(text)
    const name = `crest_${names.size + 1}`
    names.set(text, name)
    return name
  }
}

type QueryConfig = { text?: unknown; name?: unknown; values?: unknown; submit?: unknown }

/**
 * Runs this connection's parameterised statements under the namer's names (pg then sends
 * Bind/Execute only, once the connection has prepared the text). Statements without
 * parameters go by the simple protocol, as before; so do streaming queries (cursors).
 */
export const nameRepeatedStatements = (client: pg.Client, namer: StatementNamer): void => {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  const named = (...args: unknown[]) => {
    const config = args[0] as QueryConfig | string | undefined
    const values = typeof config === 'object' ? (config.values ?? args[1]) : args[1]
    if (!Array.isArray(values) || values.length === 0) return query(...args)
    if (typeof config === 'string') {
      const name = namer(config)
      if (name !== undefined) args[0] = { text: config, name }
    } else if (config && typeof config.text === 'string' && !config.name && typeof config.submit !== 'function') {
      const name = namer(config.text)
      if (name !== undefined) args[0] = { ...config, name }
    }
    return query(...args)
  }
  client.query = named as typeof client.query
}
