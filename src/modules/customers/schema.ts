import { sql } from 'drizzle-orm'
import { check, index, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * The customers module's tables (migration 0008).
 */
export const customersSchema = pgSchema('customers')

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 })

/** One account per e-mail (stored lower-cased); the password only as an argon2id hash. */
export const customerAccounts = customersSchema.table(
  'accounts',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    emailVerifiedAt: at('email_verified_at'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [uniqueIndex('accounts_email_uq').on(t.email)],
)

/** Signed-in sessions: only the SHA-256 of the opaque cookie value is stored. */
export const customerSessions = customersSchema.table(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    customerId: text('customer_id').notNull(),
    expiresAt: at('expires_at').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (t) => [index('sessions_customer_idx').on(t.customerId), index('sessions_expires_idx').on(t.expiresAt)],
)

export const TOKEN_PURPOSES = ['verify_email', 'reset_password'] as const

/** E-mailed single-use tokens (verification, password reset): hashed, expiring, used at most once. */
export const customerTokens = customersSchema.table(
  'tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    customerId: text('customer_id').notNull(),
    purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
    /** the address the token was sent to (a verification only counts for that address) */
    email: text('email').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: at('created_at').notNull(),
  },
  (t) => [
    index('tokens_customer_idx').on(t.customerId, t.purpose, t.createdAt),
    check('tokens_purpose_check', sql`${t.purpose} in ('verify_email', 'reset_password')`),
  ],
)

export const customerAddresses = customersSchema.table(
  'addresses',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    name: text('name').notNull(),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    region: text('region'),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    phone: text('phone'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (t) => [index('addresses_customer_idx').on(t.customerId, t.createdAt)],
)

export const PRIVACY_ACTIONS = ['export', 'erasure'] as const

/** Append-only record of data exports and erasures; it names the account id only, never personal data. */
export const privacyLog = customersSchema.table(
  'privacy_log',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    action: text('action', { enum: PRIVACY_ACTIONS }).notNull(),
    /** counts of what was exported or erased, e.g. { orders: 3, addresses: 2 } */
    details: jsonb('details').notNull().default({}),
    at: at('at').notNull(),
  },
  (t) => [
    index('privacy_log_customer_idx').on(t.customerId, t.at),
    check('privacy_log_action_check', sql`${t.action} in ('export', 'erasure')`),
  ],
)
