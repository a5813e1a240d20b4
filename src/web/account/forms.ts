import { z } from 'zod'
import { MAX_PASSWORD, MIN_PASSWORD } from '../../modules/customers/index.ts'
import { requiredText, secretText, textField } from '../storefront/forms/read-form.ts'

/**
 * The zod schemas of the account pages' form posts, one per form. Messages are what the page shows
 * next to the field. The customers module checks the same values again (the e-mail strictly, the
 * password's strength), and its answers are shown the same way.
 */

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const ENTER_EMAIL = 'Enter a valid e-mail address.'
const PASSWORD_SIZE = `Use a password of ${MIN_PASSWORD} to ${MAX_PASSWORD} characters.`
const TOKEN = /^[A-Za-z0-9_-]{1,100}$/
const BAD_LINK = 'This link is not valid. Please use the link from the e-mail, or ask for a new one.'

const email = requiredText(254, ENTER_EMAIL, { tooLong: ENTER_EMAIL }).refine((v) => EMAIL.test(v), ENTER_EMAIL)
/** a password as typed; never trimmed */
const currentPassword = secretText(MAX_PASSWORD, 'That password is not right.').refine((v) => v.length > 0, 'Enter your password.')
const newPassword = secretText(MAX_PASSWORD, PASSWORD_SIZE).refine((v) => v.length >= MIN_PASSWORD, PASSWORD_SIZE)
/** an e-mailed token from a hidden field */
const token = secretText(100, BAD_LINK).refine((v) => TOKEN.test(v), BAD_LINK)

export const signInForm = z.object({ email, password: currentPassword })
export const signUpForm = z.object({
  name: textField(200, { tooLong: 'A name of at most 200 characters, on one line.' }),
  email,
  password: newPassword,
})
export const forgotPasswordForm = z.object({ email })
export const resetPasswordForm = z.object({ token, password: newPassword })
export const verifyEmailForm = z.object({ token })
export const eraseForm = z.object({ password: currentPassword })

const PHONE = /^[0-9+() .-]{3,40}$/
const FILL = 'Please fill this in.'

/** The address form, checked like the API's address schema. */
export const addressForm = z.object({
  name: requiredText(200, FILL),
  line1: requiredText(200, FILL),
  line2: textField(200),
  city: requiredText(100, FILL),
  postal_code: requiredText(20, FILL),
  country: textField(2, { tooLong: 'Two letters, e.g. NO.' })
    .refine((v) => /^[A-Za-z]{2}$/.test(v), 'Two letters, e.g. NO.')
    .transform((v) => v.toUpperCase()),
  phone: textField(40, { tooLong: 'Digits, spaces and + ( ) . - only.' }).refine(
    (v) => v === '' || PHONE.test(v),
    'Digits, spaces and + ( ) . - only.',
  ),
})

/** An address id in a form's action URL. */
export const addressIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) })
