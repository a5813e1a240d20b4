import { sql } from 'drizzle-orm'
import { check, index, pgSchema, text, timestamp } from 'drizzle-orm/pg-core'

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
