import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import type { Principal } from '../../../platform/auth/bearer-auth.ts'
import type { Database } from '../../../platform/db/database.ts'
import type { IdPrefix } from '../../../platform/ids/new-id.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import { apiKeys } from '../schema.ts'
import { isPermission } from './permissions.ts'

export const API_KEY_PREFIX = 'crest_key_'
const LAST_USED_RESOLUTION_MS = 60_000 // one write a minute per key at most

export type ApiKeysDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: IdPrefix) => string
}

export type ApiKeyView = {
  readonly id: string
  readonly name: string
  readonly hint: string
  readonly scopes: readonly string[]
  readonly created_by: string
  readonly created_at: string
  readonly last_used_at: string | null
  readonly revoked_at: string | null
}

export type ApiKeyError =
  | { readonly code: 'STAFF_UNKNOWN_SCOPE'; readonly message: string; readonly scopes: readonly string[] }
  | { readonly code: 'STAFF_SCOPE_NOT_HELD'; readonly message: string; readonly scopes: readonly string[] }
  | { readonly code: 'STAFF_API_KEY_NOT_FOUND'; readonly message: string }

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const iso = (d: Date | null) => (d ? d.toISOString() : null)

const viewOf = (r: typeof apiKeys.$inferSelect): ApiKeyView => ({
  id: r.id,
  name: r.name,
  hint: r.hint,
  scopes: r.scopes,
  created_by: r.createdBy,
  created_at: r.createdAt.toISOString(),
  last_used_at: iso(r.lastUsedAt),
  revoked_at: iso(r.revokedAt),
})

/** Scoped API keys for integrations: the key is shown once; only its SHA-256 is stored. */
export const createApiKeys = (d: ApiKeysDeps) => ({
  create: async (input: {
    readonly name: string
    readonly scopes: readonly string[]
    readonly createdBy: string
    /** the creator's own permissions: a key never gets more than its creator holds */
    readonly grantable: readonly string[]
  }): Promise<Result<ApiKeyView & { readonly key: string }, ApiKeyError>> => {
    const scopes = [...new Set(input.scopes)]
    const unknown = scopes.filter((s) => !isPermission(s))
    if (unknown.length) return err({ code: 'STAFF_UNKNOWN_SCOPE', message: `Unknown scopes: ${unknown.join(', ')}.`, scopes: unknown })
    const notHeld = scopes.filter((s) => !input.grantable.includes(s))
    if (notHeld.length) return err({ code: 'STAFF_SCOPE_NOT_HELD', message: `You do not hold: ${notHeld.join(', ')}.`, scopes: notHeld })
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`
    const [row] = await d.db.orm
      .insert(apiKeys)
      .values({
        id: d.newId('key'),
        name: input.name,
        keyHash: sha256(key),
        hint: key.slice(0, API_KEY_PREFIX.length + 4),
        scopes,
        createdBy: input.createdBy,
      })
      .returning()
    return ok({ ...viewOf(row as typeof apiKeys.$inferSelect), key })
  },

  list: async (): Promise<ApiKeyView[]> => (await d.db.orm.select().from(apiKeys).orderBy(desc(apiKeys.id)).limit(1000)).map(viewOf),

  revoke: async (id: string): Promise<Result<ApiKeyView, ApiKeyError>> => {
    await d.db.orm
      .update(apiKeys)
      .set({ revokedAt: d.clock.now() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    const [row] = await d.db.orm.select().from(apiKeys).where(eq(apiKeys.id, id))
    return row ? ok(viewOf(row)) : err({ code: 'STAFF_API_KEY_NOT_FOUND', message: `No API key ${id}.` })
  },

  /** The key's principal, or null when it is unknown or revoked; records when it was last used. */
  verify: async (key: string): Promise<Principal | null> => {
    if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return null
    const [row] = await d.db.orm
      .select({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, sha256(key)), isNull(apiKeys.revokedAt)))
    if (!row) return null
    const now = d.clock.now()
    await d.db.orm
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(now.getTime() - LAST_USED_RESOLUTION_MS))),
        ),
      )
    return { kind: 'api_key', id: row.id, name: row.name, permissions: row.scopes }
  },
})

export type ApiKeysApi = ReturnType<typeof createApiKeys>
