import { z } from 'zod'
import { PAYMENT_TOKENS } from '../pages/checkout-page.ts'
import { RETURN_REASONS } from '../views/order-returns.ts'
import { requiredText, secretText, textField, wholeNumber } from './read-form.ts'

/**
 * The zod schemas of the storefront's form posts (cart, checkout, order look-up, return request),
 * one per form; messages are what the page shows at the field. Forms that depend on settings or on
 * the order are built by a function.
 */

const ID = /^[A-Za-z0-9_-]{1,128}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ENTER_EMAIL = 'Enter an e-mail address like name@example.com.'

const shopperEmail = requiredText(254, ENTER_EMAIL, { tooLong: ENTER_EMAIL }).refine((v) => EMAIL.test(v), ENTER_EMAIL)

/** POST /cart/items: a variant and how many. */
export const addToCartForm = (maxQuantity: number) =>
  z.object({
    variant_id: requiredText(128, 'Please choose a product option to add.').refine(
      (v) => ID.test(v),
      'Please choose a product option to add.',
    ),
    quantity: wholeNumber(1, maxQuantity, `Please enter a quantity from 1 to ${maxQuantity}.`),
  })

/** POST /cart/items/:itemId: the line's new quantity (0 removes it). */
export const cartQuantityForm = (maxQuantity: number) =>
  z.object({ quantity: wholeNumber(0, maxQuantity, `Enter a quantity from 0 to ${maxQuantity} (0 removes it).`) })

/** POST /cart/discount: a code to apply, or `remove=1` (an empty code removes too). */
export const discountForm = z.object({
  code: textField(64, { tooLong: 'A discount code has at most 64 characters.' }),
  remove: textField(4).optional(),
})

/** A state or province code as the tax rates name it (e.g. CA); empty means none was given. */
export const isRegionCode = (v: string): boolean => /^[A-Z0-9-]{1,10}$/.test(v)

/** POST /checkout: the shopper's address, shipping and (sandbox) payment; `action=shipping` only re-prices. */
export const checkoutForm = (countries: readonly string[]) =>
  z.object({
    email: shopperEmail,
    name: requiredText(200, 'Enter the name of the person receiving the parcel.'),
    line1: requiredText(200, 'Enter the street address.'),
    postal_code: requiredText(20, 'Enter the postal code.'),
    city: requiredText(100, 'Enter the city.'),
    region: textField(10, { tooLong: 'Enter the code of the state or province, e.g. CA.' })
      .transform((v) => v.toUpperCase())
      .refine((v) => v === '' || isRegionCode(v), 'Enter the code of the state or province, e.g. CA.'),
    country: textField(2, { tooLong: 'Choose a country from the list.' })
      .transform((v) => v.toUpperCase())
      .refine((v) => countries.includes(v), 'Choose a country from the list.'),
    shipping_option_id: requiredText(64, 'Choose a shipping method.'),
    payment_token: textField(40, { tooLong: 'Choose a payment method.' }).refine(
      (v) => PAYMENT_TOKENS.some((t) => t.value === v),
      'Choose a payment method.',
    ),
    action: textField(20).optional(),
  })

/** POST /orders/lookup: the order number (a leading # is fine) and the e-mail it was placed with. */
export const orderLookupForm = z.object({
  number: textField(20, { tooLong: 'Enter the order number, e.g. 1042.' })
    .transform((v) => v.replace(/^#/, ''))
    .refine((v) => /^\d{1,18}$/.test(v), 'Enter the order number, e.g. 1042.'),
  email: shopperEmail,
})

const count = z.preprocess((v) => (v === undefined || v === null || v === '' ? '0' : v), wholeNumber(0, 1_000_000, 'invalid_request'))
const reason = textField(100)
  .transform((v) => (v === '' ? 'Other' : v))
  .refine((v) => v === 'Other' || (RETURN_REASONS as readonly string[]).includes(v), 'invalid_request')
const exchange = textField(128).refine((v) => v === '' || ID.test(v), 'invalid_request')

/**
 * POST /orders/:id/returns: for each item of the order `qty_<item>` (0 or absent: not returned),
 * `reason_<item>` (one of the listed reasons) and `exchange_<item>` (a variant id, or '' for money
 * back); the order's access token travels in `token`.
 */
export const returnRequestForm = (itemIds: readonly string[]) =>
  z.object({
    token: secretText(256, 'invalid_request').refine((v) => v.length > 0, 'invalid_request'),
    ...Object.fromEntries(
      itemIds.flatMap((id) => [
        [`qty_${id}`, count],
        [`reason_${id}`, reason],
        [`exchange_${id}`, exchange],
      ]),
    ),
  })
