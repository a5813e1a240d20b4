import { sql } from 'drizzle-orm'
import { queryRows } from '../../src/platform/db/database.ts'
import { type SandboxPayments, startSandboxPayments } from '../../src/sandbox/payments/index.ts'
import { startTestApp, type TestApp } from '../support/start-app.ts'
import type { EngineKind } from '../support/test-database.ts'

/** A store on `engine` taking payments through a sandbox gateway of its own; `close` stops both. */
export const shopWithSandbox = async (
  engine: EngineKind,
  o: { readonly seedProducts?: number; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<{ t: TestApp; sandbox: SandboxPayments; close: () => Promise<void> }> => {
  const sandbox = await startSandboxPayments({ port: 0 })
  const t = await startTestApp({
    engine,
    seedProducts: o.seedProducts ?? 3,
    env: { PAYMENT_GATEWAYS: `sandbox=sandbox@${sandbox.url}`, ...o.env },
  })
  return {
    t,
    sandbox,
    close: async () => {
      await t.close()
      await sandbox.close()
    },
  }
}

export const address = { name: 'Ada Buyer', line1: 'Storgata 1', city: 'Oslo', postal_code: '0155', country: 'NO' }

export const post = async (url: string, body: unknown, headers: Record<string, string> = {}) => {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  // biome-ignore lint/suspicious/noExplicitAny: response JSON, asserted field by field in tests
  return { status: r.status, body: (await r.json()) as any }
}

/** A cart with `quantity` of the variant, ready to check out; returns its id and a shipping option. */
export const cartWith = async (t: TestApp, variantId: string, quantity = 1) => {
  const cart = (await post(`${t.url}/store/carts`, {})).body.cart
  const added = await post(`${t.url}/store/carts/${cart.id}/items`, { variant_id: variantId, quantity })
  if (added.status !== 200) throw new Error(`add item: ${added.status} ${JSON.stringify(added.body)}`)
  const options = await (await fetch(`${t.url}/store/carts/${cart.id}/shipping-options?country=NO`)).json()
  return { cartId: cart.id as string, shippingOptionId: options.shipping_options[0].id as string }
}

export const checkout = (
  t: TestApp,
  c: { cartId: string; shippingOptionId: string },
  token = 'tok_ok',
  headers: Record<string, string> = {},
) =>
  post(
    `${t.url}/store/carts/${c.cartId}/checkout`,
    {
      email: 'buyer@example.test',
      shipping_address: address,
      shipping_option_id: c.shippingOptionId,
      payment: { provider: 'sandbox', token },
    },
    headers,
  )

/** Puts exactly `units` of a variant in the default location and none elsewhere. */
export const stockExactly = async (t: TestApp, variantId: string, units: number) => {
  const locations = await t.modules.inventory.listLocations()
  for (const l of locations) {
    const r = await t.modules.inventory.setOnHand({ variantId, onHand: l.is_default ? units : 0, locationId: l.id })
    if (!r.ok) throw new Error(r.error.message)
  }
}

export const firstVariant = async (t: TestApp, index = 0) => {
  const page = await t.modules.catalog.listProducts({ limit: 50, currency: 'EUR' })
  if (!page.ok) throw new Error('no catalog')
  const p = page.value.products.filter((x) => x.variants.every((v) => v.price))[index]
  return p?.variants[0]?.id as string
}

export const stockOf = async (t: TestApp, variantId: string) => {
  const [row] = await queryRows<{ on_hand: number; reserved: number }>(
    t.engines.db.orm,
    sql`select sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from inventory.stock_levels where variant_id = ${variantId}`,
  )
  return row as { on_hand: number; reserved: number }
}

export const ledgerOf = async (sandboxUrl: string) =>
  ((await (await fetch(`${sandboxUrl}/v1/ledger`)).json()) as { entries: { type: string; reference: string; amount: number }[] }).entries
