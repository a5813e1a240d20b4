import type { Database } from '../../platform/db/database.ts'
import { newId } from '../../platform/ids/new-id.ts'

export type ShippingDeps = {
  readonly db: Database
  /** ids for zones and options created in the admin (default: the platform's sortable ids) */
  readonly newId?: (prefix: 'zone' | 'ship') => string
}

export const idOf = (d: ShippingDeps, prefix: 'zone' | 'ship'): string => (d.newId ?? newId)(prefix)
