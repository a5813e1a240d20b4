// Shapes of the admin customer API (docs/customers.md, "Admin API").

export type AdminCustomer = {
  id: string
  email: string
  name: string
  email_verified: boolean
  email_verified_at: string | null
  created_at: string
  updated_at: string
  order_count: number
}
export type CustomerPage = { customers: AdminCustomer[]; next_cursor: string | null }
export type CustomerAddress = {
  id: string
  name: string
  line1: string
  line2?: string
  city: string
  region?: string
  postal_code: string
  country: string
  phone?: string
}
