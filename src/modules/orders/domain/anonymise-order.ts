import type { Address } from '../contract.ts'

/**
 * What erasure leaves in an order in place of personal data (GDPR erasure of a customer). Country
 * stays: VAT records need the place of supply, and a country names no one. Figures (items, prices,
 * tax, totals) are never touched.
 */
export const ERASED_EMAIL = 'erased@erased.invalid'
export const ERASED_TEXT = 'erased'

export const anonymisedAddress = (a: Pick<Address, 'country'>): Address => ({
  name: ERASED_TEXT,
  line1: ERASED_TEXT,
  city: ERASED_TEXT,
  postal_code: ERASED_TEXT,
  country: a.country,
})

/** Orders still to be shipped need their address: erasure waits until they are done. */
export const isOpenForErasure = (o: { readonly status: string; readonly fulfillment_status: string }): boolean =>
  (o.status === 'pending' || o.status === 'placed' || o.status === 'on_hold') &&
  (o.fulfillment_status === 'unfulfilled' || o.fulfillment_status === 'partially_fulfilled')
