import { type SQL, sql } from 'drizzle-orm'

/**
 * A jsonb expression: `doc` with the given fields of its object at path `under` (the top level
 * when empty) set to new values, each only where that field exists (`jsonb_set` without
 * create_missing; `doc || {…}` would add the others).
 */
export const overwriteJsonFields = (doc: SQL, under: readonly string[], fields: Readonly<Record<string, string | null>>): SQL =>
  Object.entries(fields).reduce((next, [name, value]) => {
    const path = sql.join(
      [...under, name].map((key) => sql`${key}::text`),
      sql`, `,
    )
    return sql`jsonb_set(${next}, array[${path}], ${JSON.stringify(value)}::jsonb, false)`
  }, doc)
