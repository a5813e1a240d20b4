/** Runs one SQL query and returns its rows (pg's client.query, PGlite's query: both fit). */
export type QueryRows = (sql: string) => Promise<{ rows: Record<string, unknown>[] }>

/**
 * Every row of every table outside the system schemas, as text, sorted: two databases with equal
 * snapshots hold the same data, whatever order their rows are stored in. Sequences are included
 * as `<name> last_value is_called`.
 */
export const snapshotTables = async (query: QueryRows): Promise<Map<string, string[]>> => {
  const tables = await query(
    `select schemaname || '.' || tablename as name, quote_ident(schemaname) || '.' || quote_ident(tablename) as ident
       from pg_catalog.pg_tables where schemaname not in ('pg_catalog', 'information_schema') order by 1`,
  )
  const out = new Map<string, string[]>()
  for (const t of tables.rows as { name: string; ident: string }[]) {
    const r = await query(`select t::text as row from ${t.ident} t`)
    out.set(t.name, (r.rows as { row: string }[]).map((x) => x.row).sort())
  }
  const seqs = await query(
    `select quote_ident(schemaname) || '.' || quote_ident(sequencename) as ident from pg_catalog.pg_sequences order by 1`,
  )
  const values: string[] = []
  for (const s of seqs.rows as { ident: string }[]) {
    const r = await query(`select last_value::text || ' ' || is_called::text as v from ${s.ident}`)
    values.push(`${s.ident} ${(r.rows[0] as { v: string }).v}`)
  }
  out.set('(sequences)', values)
  return out
}
