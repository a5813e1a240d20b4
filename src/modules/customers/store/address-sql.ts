import { and, asc, eq } from 'drizzle-orm'
import type { Executor } from '../../../platform/db/database.ts'
import type { AddressInput, CustomerAddress } from '../contract.ts'
import { customerAddresses } from '../schema.ts'

type Row = typeof customerAddresses.$inferSelect

export const toAddress = (r: Row): CustomerAddress => ({
  id: r.id,
  name: r.name,
  line1: r.line1,
  ...(r.line2 !== null && { line2: r.line2 }),
  city: r.city,
  ...(r.region !== null && { region: r.region }),
  postal_code: r.postalCode,
  country: r.country,
  ...(r.phone !== null && { phone: r.phone }),
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
})

export const addressColumns = (a: AddressInput) => ({
  name: a.name,
  line1: a.line1,
  line2: a.line2 ?? null,
  city: a.city,
  region: a.region ?? null,
  postalCode: a.postal_code,
  country: a.country,
  phone: a.phone ?? null,
})

/** Owner and id together: another customer's address does not exist for this one. */
const owned = (customerId: string, id: string) => and(eq(customerAddresses.customerId, customerId), eq(customerAddresses.id, id))

export const listAddressRows = (ex: Executor, customerId: string) =>
  ex
    .select()
    .from(customerAddresses)
    .where(eq(customerAddresses.customerId, customerId))
    .orderBy(asc(customerAddresses.createdAt), asc(customerAddresses.id))

export const findAddressRow = async (ex: Executor, customerId: string, id: string): Promise<Row | null> =>
  (await ex.select().from(customerAddresses).where(owned(customerId, id)).limit(1))[0] ?? null

export const insertAddress = async (ex: Executor, row: typeof customerAddresses.$inferInsert): Promise<Row> =>
  (await ex.insert(customerAddresses).values(row).returning())[0] as Row

export const updateAddressRow = async (ex: Executor, customerId: string, id: string, set: Partial<typeof customerAddresses.$inferInsert>) =>
  (await ex.update(customerAddresses).set(set).where(owned(customerId, id)).returning())[0] ?? null

export const deleteAddressRow = async (ex: Executor, customerId: string, id: string): Promise<boolean> =>
  (await ex.delete(customerAddresses).where(owned(customerId, id)).returning({ id: customerAddresses.id })).length > 0

export const countAddressesOf = async (ex: Executor, customerId: string): Promise<number> => (await listAddressRows(ex, customerId)).length

export const deleteAddressesOf = async (ex: Executor, customerId: string): Promise<number> =>
  (await ex.delete(customerAddresses).where(eq(customerAddresses.customerId, customerId)).returning({ id: customerAddresses.id })).length
