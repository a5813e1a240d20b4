import pg from 'pg'

export type Invariants = {
  /** units of the variant in orders that are not canceled */
  readonly sold: number
  readonly received: number
  readonly oversold: number
  readonly levels: readonly { readonly on_hand: number; readonly reserved: number }[]
  /** a level with reserved < 0 or reserved > on_hand */
  readonly badLevels: number
  /** reserved at each level minus the live (active, committed) reservations there: all 0 when consistent */
  readonly reservedDrift: number
  /** orders answered 201 that the database does not have */
  readonly acknowledgedMissing: readonly string[]
  /** orders in the database for the sale's carts that no buyer saw a 201 for (a crash between commit and answer) */
  readonly unacknowledgedOrders: number
  /** their state, "status/payment_status" → count */
  readonly unacknowledgedStates: Readonly<Record<string, number>>
}

/** Reads the database directly (not through Crest) to check what a fault must never break. */
export const checkInvariants = async (
  databaseUrl: string,
  o: { variantId: string; received: number; acknowledged: readonly string[] },
): Promise<Invariants> => {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const sold = await c.query<{ n: string }>(
      `select coalesce(sum(i.quantity), 0) as n from orders.items i join orders.orders o on o.id = i.order_id
       where i.variant_id = $1 and o.status <> 'canceled'`,
      [o.variantId],
    )
    const levels = await c.query<{ location_id: string; on_hand: number; reserved: number }>(
      'select location_id, on_hand, reserved from inventory.stock_levels where variant_id = $1',
      [o.variantId],
    )
    const live = await c.query<{ location_id: string; n: string }>(
      `select location_id, sum(quantity) as n from inventory.reservations
       where variant_id = $1 and status in ('active', 'committed') group by location_id`,
      [o.variantId],
    )
    const found = await c.query<{ id: string }>('select id from orders.orders where id = any($1)', [o.acknowledged])
    const all = await c.query<{ n: string }>(
      `select count(distinct o.id) as n from orders.orders o join orders.items i on i.order_id = o.id where i.variant_id = $1`,
      [o.variantId],
    )
    const states = await c.query<{ state: string; n: string }>(
      `select o.status || '/' || o.payment_status as state, count(distinct o.id) as n from orders.orders o
       join orders.items i on i.order_id = o.id where i.variant_id = $1 and not (o.id = any($2)) group by 1`,
      [o.variantId, o.acknowledged],
    )
    const have = new Set(found.rows.map((r) => r.id))
    const liveAt = new Map(live.rows.map((r) => [r.location_id, Number(r.n)]))
    const soldUnits = Number(sold.rows[0]?.n ?? 0)
    return {
      sold: soldUnits,
      received: o.received,
      oversold: Math.max(0, soldUnits - o.received),
      levels: levels.rows.map((l) => ({ on_hand: l.on_hand, reserved: l.reserved })),
      badLevels: levels.rows.filter((l) => l.reserved < 0 || l.reserved > l.on_hand).length,
      reservedDrift: levels.rows.reduce((a, l) => a + Math.abs(l.reserved - (liveAt.get(l.location_id) ?? 0)), 0),
      acknowledgedMissing: o.acknowledged.filter((id) => !have.has(id)),
      unacknowledgedOrders: Number(all.rows[0]?.n ?? 0) - have.size,
      unacknowledgedStates: Object.fromEntries(states.rows.map((r) => [r.state, Number(r.n)])),
    }
  } finally {
    await c.end()
  }
}

type LedgerEntry = { type: string; reference: string; authorization_id: string }

/**
 * Ambiguous authorise attempts (decision 0018) that no recovery has settled yet, and how the
 * settled ones were settled ("voided" → n, "not_processed" → n, …), read from the database.
 */
export const ambiguousAttempts = async (databaseUrl: string): Promise<{ open: number; resolved: Record<string, number> }> => {
  const c = new pg.Client({ connectionString: databaseUrl })
  await c.connect()
  try {
    const resolved = await c.query<{ resolution: string; n: string }>(
      `select error as resolution, count(*) as n from payments.attempts
       where operation = 'authorize' and outcome = 'resolved' group by 1`,
    )
    const r = await c.query<{ n: string }>(
      `select count(distinct (a.order_id, a.gateway, a.idempotency_key)) as n from payments.attempts a
       where a.operation = 'authorize' and a.outcome = 'ambiguous' and not exists (
         select 1 from payments.attempts r where r.order_id = a.order_id and r.gateway = a.gateway
           and r.idempotency_key = a.idempotency_key and r.operation = 'authorize' and r.outcome = 'resolved')`,
    )
    return { open: Number(r.rows[0]?.n ?? 0), resolved: Object.fromEntries(resolved.rows.map((x) => [x.resolution, Number(x.n)])) }
  } finally {
    await c.end()
  }
}

/**
 * Live authorisations per order after the recovery job (`recover-ambiguous-payments`, run by the
 * workers every 10 s for attempts older than PAYMENT_RECONCILE_AFTER_SECONDS) has had its chance:
 * polls until no order holds two live authorisations and no ambiguous attempt is open, or `waitMs`
 * passes (attempts a gateway never saw stay open for 10 min by design; they hold nothing).
 */
export const liveAuthorisationsAfterRecovery = async (databaseUrl: string, gatewayUrls: readonly string[], waitMs = 60_000) => {
  const started = Date.now()
  for (;;) {
    const ledger = await doubleAuthorisations(gatewayUrls)
    const ambiguous = await ambiguousAttempts(databaseUrl)
    if ((ledger.doubled.length === 0 && ambiguous.open === 0) || Date.now() - started > waitMs)
      return { ...ledger, openAmbiguous: ambiguous.open, resolved: ambiguous.resolved, waitedMs: Date.now() - started }
    await new Promise((r) => setTimeout(r, 1000))
  }
}

/**
 * Orders holding more than one live authorisation (authorised and not voided) across the
 * gateways' own ledgers (authorised twice, or at two gateways, without the extra one voided): a
 * shopper's card held twice.
 */
export const doubleAuthorisations = async (gatewayUrls: readonly string[]) => {
  const live = new Map<string, number>()
  let authorisations = 0
  for (const url of gatewayUrls) {
    const { entries } = (await (await fetch(`${url}/v1/ledger`, { signal: AbortSignal.timeout(5000) })).json()) as {
      entries: LedgerEntry[]
    }
    const voided = new Set(entries.filter((e) => e.type === 'void').map((e) => e.authorization_id))
    for (const e of entries) {
      if (e.type !== 'authorization') continue
      authorisations++
      if (!voided.has(e.authorization_id)) live.set(e.reference, (live.get(e.reference) ?? 0) + 1)
    }
  }
  const doubled = [...live.entries()].filter(([, n]) => n > 1).map(([ref]) => ref)
  return { authorisations, liveOrders: live.size, doubled }
}
