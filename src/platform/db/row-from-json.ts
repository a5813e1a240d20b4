import { getTableColumns, type Table } from 'drizzle-orm'

/**
 * A table's row from its `to_jsonb(row)` form (snake_case keys, timestamps as ISO text), mapped
 * as drizzle maps the row a select returns: the table's own column list decides the keys and
 * each column's type the value (timestamps become dates, 53-bit bigints numbers). One mapping
 * per table, so a column added to the schema needs no second place to be read from JSON.
 */
export const rowFromJson = <T extends Table>(table: T, json: Record<string, unknown>): T['$inferSelect'] => {
  const row: Record<string, unknown> = {}
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name]
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
  }
  return row as T['$inferSelect']
}
