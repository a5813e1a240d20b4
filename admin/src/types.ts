import type { Money } from './format.ts'

export type OrderItem = { id: string; variant_id: string; sku: string; title: string; quantity: number; unit_price: Money; total: Money }
export type Order = {
  id: string
  number: string
  status: string
  payment_status: string
  fulfillment_status: string
  email: string
  currency: string
  items: OrderItem[]
  subtotal: Money
  shipping_total: Money
  tax_total: Money
  total: Money
  tracking: { carrier: string; number: string; url: string }[]
  history: { field?: string; status: string; from: string | null; at: string; note: string }[]
  created_at: string
}
export type OrderPage = { orders: Order[]; next_cursor: string | null }
export type ReturnItem = { id: string; item_id: string; variant_id: string; sku: string; title: string; quantity: number; condition: string | null }
export type Return = {
  id: string
  order_id: string
  order_number: string
  status: string
  source: string
  items: ReturnItem[]
  refund_amount: Money
  refund_status: string
  created_at: string
}
export type Location = { id: string; name: string; serves_storefront: boolean; is_default: boolean }
export type Stock = { variant_id: string; levels: { location_id: string; on_hand: number; reserved: number }[] }
export type Variant = { id: string; sku: string; title: string; price: Money | null; prices: Money[]; available: number }
export type Product = { id: string; handle: string; title: string; status?: string; variants: Variant[] }
