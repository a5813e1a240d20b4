import type { Return } from '../contract.ts'

/**
 * The e-mails a return sends, shaped as the notifications module's templates take them
 * (return_requested, return_approved, return_received, return_refused, refund_issued); app.ts
 * hands them to `notifications.enqueue` in the return's transaction. The key makes each one of a kind.
 */
type Ref = { readonly orderId: string; readonly orderNumber: string; readonly customerName?: string; readonly orderPath?: string }
type Line = { readonly title: string; readonly quantity: number; readonly sku?: string }
type Update = Ref & { readonly returnId: string; readonly items?: Line[]; readonly note?: string }

export type ReturnEmail = { readonly key: string; readonly to: string } & (
  | { readonly template: 'return_requested' | 'return_approved' | 'return_received' | 'return_refused'; readonly data: Update }
  | {
      readonly template: 'refund_issued'
      readonly data: Ref & { readonly amount: number; readonly currency: string; readonly note?: string }
    }
)

export type Recipient = { readonly email: string; readonly name: string }

export type UpdateStage = 'requested' | 'approved' | 'received' | 'refused'

const lookupPath = (number: string) => `/orders/lookup?number=${encodeURIComponent(number)}`

const refOf = (r: Return, to: Recipient): Ref => ({
  orderId: r.order_id,
  orderNumber: r.order_number,
  orderPath: lookupPath(r.order_number),
  ...(to.name.trim() && { customerName: to.name.trim().slice(0, 200) }),
})

const trimmed = (s: string | null | undefined): string | undefined => {
  const t = s?.trim()
  return t ? t.slice(0, 2000) : undefined
}

/** "Return update" e-mails: one per stage and return. */
export const returnUpdateEmail = (stage: UpdateStage, r: Return, to: Recipient, note?: string | null): ReturnEmail => {
  const text = trimmed(note)
  return {
    key: `return_${stage}:${r.id}`,
    to: to.email,
    template: `return_${stage}`,
    data: {
      ...refOf(r, to),
      returnId: r.id,
      items: r.items.map((i) => ({ title: i.title.slice(0, 300), quantity: i.quantity, sku: i.sku.slice(0, 100) })),
      ...(text && { note: text }),
    },
  }
}

/** "Refund issued": once per return. */
export const refundIssuedEmail = (r: Return, to: Recipient): ReturnEmail => ({
  key: `refund_issued:${r.id}`,
  to: to.email,
  template: 'refund_issued',
  data: { ...refOf(r, to), amount: r.refund_amount.amount, currency: r.refund_amount.currency, note: `Return ${r.id}` },
})

/** How the approved-return e-mail tells the shopper to send the parcel back. */
export const labelNote = (r: Return): string | null =>
  r.label ? `Print the ${r.label.carrier} return label at ${r.label.label_url} (tracking ${r.label.tracking_number}).` : null
