import type { HotMemo } from '../../../platform/cache/hot-memo.ts'
import type { Database } from '../../../platform/db/database.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { Carrier, CarrierRate } from '../carriers/carrier.ts'
import type { QuoteInput, ShippingApi, ShippingQuote } from '../contract.ts'
import type { QuoteError } from '../errors.ts'
import { findRateQuote, liveQuotesOf, saveRateQuotes } from '../store/rate-quote-sql.ts'
import { cachedCarrierRates, type RateLookup } from './cached-carrier-rates.ts'
import { liveOptionName } from './live-option-name.ts'
import type { LiveRatesOptions } from './live-rates-options.ts'
import { weightBandOf } from './weight-band.ts'

export type LiveQuoteInput = QuoteInput & { readonly cartId: string }

/** The shown price is gone: it expired, or the cart's weight band changed since. Ask for the options again. */
export type QuoteExpired = { readonly code: 'FULFILLMENT_QUOTE_EXPIRED'; readonly message: string; readonly optionId: string }

export type LiveShippingApi = {
  /** the carrier's live rates for this cart (each kept as a quote), or the zone options when it has none in time */
  readonly quoteOptions: (input: LiveQuoteInput) => Promise<ShippingQuote[]>
  /** the option at the price this cart was shown: a live quote by its id, or a zone option priced now */
  readonly chooseOption: (
    input: LiveQuoteInput & { readonly optionId: string },
  ) => Promise<Result<ShippingQuote, QuoteError | QuoteExpired>>
}

export type LiveShippingDeps = {
  readonly db: Database
  readonly clock: { readonly now: () => Date }
  readonly newId: (prefix: 'rate') => string
  /** the zone options: what is offered without (or instead of) live rates */
  readonly zones: Pick<ShippingApi, 'quoteOptions' | 'getQuote'>
  /** the carrier whose rates are offered; null: none configured */
  readonly carrier: Carrier | null
  readonly memo: HotMemo
  /** ISO country parcels leave from */
  readonly shipFrom: string
  /** told when a lookup fell back to the zone options (for logs and metrics) */
  readonly onFallback?: (reason: string) => void
}

/**
 * The rates as quotes of this cart, cheapest first. A quote the cart already holds for the same
 * price with at least half its life left is shown again instead of a new row per page view (and
 * a choice made in an older tab stays good).
 */
const keepQuotes = async (
  d: LiveShippingDeps,
  o: LiveRatesOptions,
  q: { cartId: string; carrier: string; country: string; currency: string; band: number; rates: readonly CarrierRate[] },
) => {
  const now = d.clock.now().getTime()
  const expiresAt = new Date(now + o.quoteSeconds * 1000)
  const place = { cartId: q.cartId, country: q.country, currency: q.currency, weightBand: q.band }
  const held = await liveQuotesOf(d.db.orm, { ...place, after: new Date(now + (o.quoteSeconds * 1000) / 2) })
  const fresh: (typeof held)[number][] = []
  const rows = [...q.rates]
    .sort((a, b) => a.price.amount - b.price.amount)
    .map((r) => {
      const kept = held.find((h) => h.carrier === q.carrier && h.service === r.service && h.amount === r.price.amount)
      if (kept) return kept
      const name = liveOptionName(r.service, q.carrier, r.estimatedDays)
      const row = {
        ...place,
        id: d.newId('rate'),
        carrier: q.carrier,
        service: r.service,
        name,
        amount: r.price.amount,
        estimatedDays: r.estimatedDays,
        expiresAt,
        createdAt: new Date(now),
      }
      fresh.push(row)
      return row
    })
  await saveRateQuotes(d.db.orm, fresh)
  return rows
}

const place = (i: QuoteInput) => ({ country: i.country.trim().toUpperCase(), currency: i.currency.trim().toUpperCase() })

/** A live quote exactly as shown to this cart, if still good; a zone option priced now. */
const chooseOption =
  (d: LiveShippingDeps): LiveShippingApi['chooseOption'] =>
  async (input) => {
    if (!input.optionId.startsWith('rate_')) return d.zones.getQuote(input)
    const { country, currency } = place(input)
    const q = await findRateQuote(d.db.orm, input.optionId)
    // a quote made for another cart is as unknown here as one never made
    if (!q || q.cartId !== input.cartId) {
      return err({
        code: 'FULFILLMENT_UNKNOWN_OPTION',
        optionId: input.optionId,
        message: `There is no shipping option "${input.optionId}".`,
      })
    }
    if (q.country !== country || q.currency !== currency) {
      return err({
        code: 'FULFILLMENT_OPTION_NOT_AVAILABLE',
        optionId: q.id,
        country,
        currency,
        message: `"${q.name}" was quoted for ${q.country} in ${q.currency}.`,
      })
    }
    if (q.expiresAt.getTime() <= d.clock.now().getTime() || q.weightBand !== weightBandOf(input.weightGrams)) {
      return err({
        code: 'FULFILLMENT_QUOTE_EXPIRED',
        optionId: q.id,
        message: 'The shipping price shown has expired or the cart changed; please choose shipping again.',
      })
    }
    return ok({ id: q.id, name: q.name, amount: q.amount, currency: q.currency })
  }

export const createLiveShipping = (d: LiveShippingDeps, o: LiveRatesOptions): LiveShippingApi => {
  const lookup = d.carrier ? cachedCarrierRates({ carrier: d.carrier, memo: d.memo, timeoutMs: o.timeoutMs }) : null
  const carrierName = d.carrier?.name ?? ''
  const quoteOptions: LiveShippingApi['quoteOptions'] = async (input) => {
    if (!o.enabled || !lookup) return d.zones.quoteOptions(input)
    const { country, currency } = place(input)
    const band = weightBandOf(input.weightGrams)
    const found: RateLookup = await lookup({ from: d.shipFrom, to: country, band })
    const rates = found.ok ? found.rates.filter((r) => r.price.currency === currency) : []
    if (rates.length === 0) {
      d.onFallback?.(found.ok ? `no ${currency} rates to ${country}` : found.reason)
      return d.zones.quoteOptions(input)
    }
    const rows = await keepQuotes(d, o, { cartId: input.cartId, carrier: carrierName, country, currency, band, rates })
    return rows.map((r) => ({ id: r.id, name: r.name, amount: r.amount, currency: r.currency }))
  }
  return { quoteOptions, chooseOption: chooseOption(d) }
}
