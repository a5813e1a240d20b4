import { z } from 'zod'
import {
  type Brand,
  button,
  composeEmail,
  formatAmount,
  greeting,
  lineList,
  paragraph,
  type RenderedEmail,
  storeUrl,
} from './template-kit.ts'

/**
 * The one reminder about a cart left with items (the cart module's abandoned-cart job). The link
 * goes back to the cart on the store: a path under /cart/return/ only, never another site.
 */
export const cartReminderData = z.object({
  cartId: z.string().trim().min(1).max(100),
  customerName: z.string().trim().min(1).max(200).optional(),
  cartPath: z
    .string()
    .max(300)
    .regex(/^\/cart\/return\/[A-Za-z0-9_-]+$/, 'a path on the store under /cart/return/'),
  items: z
    .array(z.object({ title: z.string().trim().min(1).max(300), quantity: z.number().int().positive().max(1_000_000) }))
    .min(1)
    .max(100),
  subtotal: z.number().int().min(0).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
    .optional(),
})

export type CartReminderData = z.infer<typeof cartReminderData>

export const cartReminder = (d: CartReminderData, brand: Brand): RenderedEmail =>
  composeEmail(
    brand,
    `You left something in your cart at ${brand.storeName}`,
    [
      greeting(d.customerName),
      paragraph('You left these in your cart. They are still there, and you can finish your order whenever you like:'),
      lineList(d.items),
      ...(d.subtotal !== undefined && d.currency ? [paragraph(`Subtotal: ${formatAmount(d.subtotal, d.currency, brand)}`)] : []),
      button('Return to your cart', storeUrl(brand, d.cartPath)),
      paragraph('Prices and stock are checked again when you check out. This is the only reminder we send about this cart.'),
    ],
    'a cart you filled',
  )
