import type { Money } from '../../../platform/money/money.ts'

/**
 * The price shoppers pay: a running campaign price replaces the regular one, but only where the variant has a
 * regular price in that currency (no regular price: not sold in it). The regular price is shown as compare-at
 * only when the campaign price is lower, so a scheduled increase never shows a misleading "was".
 */
export const priceInForce = (
  regular: Money | null,
  campaign: Money | null,
): { readonly price: Money | null; readonly compare_at_price: Money | null } => {
  if (!regular) return { price: null, compare_at_price: null }
  if (!campaign) return { price: regular, compare_at_price: null }
  return { price: campaign, compare_at_price: campaign.amount < regular.amount ? regular : null }
}
