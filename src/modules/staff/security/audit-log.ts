import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from 'drizzle-orm'
import type { Database } from '../../../platform/db/database.ts'
import type { IdPrefix } from '../../../platform/ids/new-id.ts'
import { auditLog } from '../schema.ts'

export type AuditEntryInput = {
  readonly actorKind: 'staff' | 'api_key' | 'anonymous' | 'operator'
  readonly actorId: string | null
  readonly actorLabel: string | null
  readonly action: string
  readonly method: string
  readonly path: string
  readonly status: number
  readonly ip: string | null
  readonly userAgent: string | null
  readonly requestId: string | null
  readonly request: unknown
  readonly response: unknown
}

export type AuditEntry = {
  readonly id: string
  readonly at: string
  readonly actor: { readonly kind: string; readonly id: string | null; readonly label: string | null }
  readonly action: string
  readonly method: string
  readonly path: string
  readonly status: number
  readonly ip: string | null
  readonly user_agent: string | null
  readonly request_id: string | null
  readonly request: unknown
  readonly response: unknown
}

export type AuditQuery = {
  /** an actor's id (`usr_…`, `key_…`) or label (e-mail, key name) */
  readonly actor?: string
  /** the action, or its beginning: `PUT /admin/inventory` */
  readonly action?: string
  readonly from?: Date
  readonly to?: Date
  readonly limit: number
  readonly cursor?: string
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

const viewOf = (r: typeof auditLog.$inferSelect): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: { kind: r.actorKind, id: r.actorId, label: r.actorLabel },
  action: r.action,
  method: r.method,
  path: r.path,
  status: r.status,
  ip: r.ip,
  user_agent: r.userAgent,
  request_id: r.requestId,
  request: r.request,
  response: r.response,
})

/** The append-only audit log: entries are added and read, never changed (a trigger refuses it). */
export const createAuditLog = (d: {
  readonly db: Database
  readonly newId: (prefix: IdPrefix) => string
  readonly clock: { readonly now: () => Date }
}) => ({
  record: async (e: AuditEntryInput): Promise<void> => {
    await d.db.orm.insert(auditLog).values({ id: d.newId('aud'), at: d.clock.now(), ...e })
  },

  search: async (q: AuditQuery): Promise<{ entries: AuditEntry[]; next_cursor: string | null }> => {
    const where: SQL[] = []
    if (q.actor) where.push(or(eq(auditLog.actorId, q.actor), ilike(auditLog.actorLabel, escapeLike(q.actor))) as SQL)
    if (q.action) where.push(ilike(auditLog.action, `${escapeLike(q.action)}%`))
    if (q.from) where.push(gte(auditLog.at, q.from))
    if (q.to) where.push(lte(auditLog.at, q.to))
    if (q.cursor) where.push(lt(auditLog.id, q.cursor))
    const rows = await d.db.orm
      .select()
      .from(auditLog)
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(q.limit + 1)
    const page = rows.slice(0, q.limit)
    return { entries: page.map(viewOf), next_cursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null }
  },
})

export type AuditLogApi = ReturnType<typeof createAuditLog>
