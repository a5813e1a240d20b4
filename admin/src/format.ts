export type Money = { readonly amount: number; readonly currency: string }

const formats = new Map<string, Intl.NumberFormat>()
/** Integer minor units as "€12.34" (2-decimal currencies; JPY-style 0-decimal ones via Intl). */
export const money = (m: Money | null | undefined): string => {
  if (!m) return '—'
  let f = formats.get(m.currency)
  if (!f) {
    f = new Intl.NumberFormat('en', { style: 'currency', currency: m.currency })
    formats.set(m.currency, f)
  }
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2
  return f.format(m.amount / 10 ** digits)
}

export const when = (iso: string | null | undefined): string => (iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '—')
