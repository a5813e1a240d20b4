import type { z } from 'zod'
import { err, ok, type Result } from '../../../../platform/result.ts'
import { type AccountEmailData, accountEmailData, accountLocked, accountPasswordReset, accountVerifyEmail } from './account-emails.ts'
import { type CartReminderData, cartReminder, cartReminderData } from './cart-reminder.ts'
import { orderConfirmation } from './order-confirmation.ts'
import { orderDelivered } from './order-delivered.ts'
import { orderShipped } from './order-shipped.ts'
import { refundIssued } from './refund-issued.ts'
import { returnUpdate } from './return-update.ts'
import {
  type OrderConfirmationData,
  type OrderDeliveredData,
  type OrderShippedData,
  orderConfirmationData,
  orderDeliveredData,
  orderShippedData,
  type RefundIssuedData,
  type ReturnUpdateData,
  refundIssuedData,
  returnUpdateData,
} from './template-data.ts'
import type { Brand, RenderedEmail } from './template-kit.ts'

export const TEMPLATE_NAMES = [
  'order_confirmation',
  'order_shipped',
  'order_delivered',
  'return_requested',
  'return_approved',
  'return_received',
  'return_refused',
  'refund_issued',
  'account_verify_email',
  'account_password_reset',
  'account_locked',
  'cart_reminder',
] as const

export type TemplateName = (typeof TEMPLATE_NAMES)[number]

/** The data each template takes. */
export type TemplateData = {
  readonly order_confirmation: OrderConfirmationData
  readonly order_shipped: OrderShippedData
  readonly order_delivered: OrderDeliveredData
  readonly return_requested: ReturnUpdateData
  readonly return_approved: ReturnUpdateData
  readonly return_received: ReturnUpdateData
  readonly return_refused: ReturnUpdateData
  readonly refund_issued: RefundIssuedData
  readonly account_verify_email: AccountEmailData
  readonly account_password_reset: AccountEmailData
  readonly account_locked: AccountEmailData
  readonly cart_reminder: CartReminderData
}

type Template<D> = { readonly schema: z.ZodType<D>; readonly render: (data: D, brand: Brand) => RenderedEmail }

export const TEMPLATES: { readonly [K in TemplateName]: Template<TemplateData[K]> } = {
  order_confirmation: { schema: orderConfirmationData, render: orderConfirmation },
  order_shipped: { schema: orderShippedData, render: orderShipped },
  order_delivered: { schema: orderDeliveredData, render: orderDelivered },
  return_requested: { schema: returnUpdateData, render: returnUpdate('requested') },
  return_approved: { schema: returnUpdateData, render: returnUpdate('approved') },
  return_received: { schema: returnUpdateData, render: returnUpdate('received') },
  return_refused: { schema: returnUpdateData, render: returnUpdate('refused') },
  refund_issued: { schema: refundIssuedData, render: refundIssued },
  account_verify_email: { schema: accountEmailData, render: accountVerifyEmail },
  account_password_reset: { schema: accountEmailData, render: accountPasswordReset },
  account_locked: { schema: accountEmailData, render: accountLocked },
  cart_reminder: { schema: cartReminderData, render: cartReminder },
}

export const isTemplateName = (s: string): s is TemplateName => (TEMPLATE_NAMES as readonly string[]).includes(s)

export type InvalidData = { readonly field: string; readonly message: string }

/**
 * Checks `data` against the template's schema and renders it. Data crosses process boundaries
 * (event payloads), so the types alone are not trusted. The checked (trimmed) data is returned
 * too: that is what gets stored.
 */
export const renderTemplate = (
  template: TemplateName,
  data: unknown,
  brand: Brand,
): Result<{ readonly data: unknown; readonly rendered: RenderedEmail }, InvalidData> => {
  const t = TEMPLATES[template] as Template<unknown>
  const parsed = t.schema.safeParse(data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = ['data', ...(issue?.path ?? []).map(String)].join('.')
    return err({ field, message: issue?.message ?? 'invalid' })
  }
  return ok({ data: parsed.data, rendered: t.render(parsed.data, brand) })
}
