import { sql } from 'drizzle-orm'
import { bigint, boolean, check, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core'

export const staffSchema = pgSchema('staff')

export const staffUsers = staffSchema.table(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull().unique(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['owner', 'admin', 'fulfilment', 'support', 'analyst'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('owner', 'admin', 'fulfilment', 'support', 'analyst')`)],
)

/** Opaque bearer tokens; only their SHA-256 is stored. */
export const staffSessions = staffSchema.table(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/* Staff security (issue 7, docs/staff-security.md): second factor, API keys, audit log. */

/** One TOTP authenticator per staff user; active once a code from it was verified. */
export const staffMfa = staffSchema.table('mfa', {
  userId: text('user_id').primaryKey(),
  secret: text('secret').notNull(),
  activatedAt: timestamp('activated_at', { withTimezone: true }),
  /** the last accepted TOTP time step: a code is accepted once */
  lastStep: bigint('last_step', { mode: 'number' }),
  /** wrong codes in a row at sign-in; five lock the second factor until locked_until */
  failedAttempts: integer('failed_attempts').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Single-use recovery codes, argon2id-hashed. */
export const staffRecoveryCodes = staffSchema.table(
  'recovery_codes',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
)

/** Which sessions passed the second factor (sessions without a row are password-only). */
export const staffSessionFactors = staffSchema.table('session_factors', {
  tokenHash: text('token_hash').primaryKey(),
  mfa: boolean('mfa').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Integration API keys: only the SHA-256 of the key is stored. */
export const apiKeys = staffSchema.table('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** the first characters of the key, to recognise it in lists */
  hint: text('hint').notNull(),
  scopes: jsonb('scopes').$type<string[]>().notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
})

/** Append-only: triggers reject UPDATE, DELETE and TRUNCATE (written by hand at the end of migration 0009). */
export const auditLog = staffSchema.table(
  'audit_log',
  {
    id: text('id').primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    status: integer('status').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    request: jsonb('request'),
    response: jsonb('response'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    check('audit_log_actor_kind_check', sql`${t.actorKind} in ('staff', 'api_key', 'anonymous', 'operator')`),
  ],
)
