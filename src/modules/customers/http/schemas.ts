import { z } from 'zod'
import { MAX_EMAIL, MAX_NAME, MAX_PASSWORD } from '../domain/account-input.ts'

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const ONE_LINE = /^[^\u0000-\u001f\u007f]*$/
const line = (max: number) => z.string().trim().max(max).regex(ONE_LINE, 'one line of text')
const required = (max: number) => line(max).min(1)

export const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

/** The e-mail is checked properly by the module; here only its size and type. */
export const credentialsBody = z.object({ email: z.string().max(MAX_EMAIL * 2), password: z.string().max(MAX_PASSWORD * 4) })
export const signUpBody = credentialsBody.extend({ name: line(MAX_NAME).optional() })
export const tokenBody = z.object({ token: z.string().max(200) })
export const resetRequestBody = z.object({ email: z.string().max(MAX_EMAIL * 2) })
export const resetConfirmBody = z.object({ token: z.string().max(200), password: z.string().max(MAX_PASSWORD * 4) })
export const passwordBody = z.object({ password: z.string().max(MAX_PASSWORD * 4) })

export const addressBody = z.object({
  name: required(200),
  line1: required(200),
  line2: line(200).optional(),
  city: required(100),
  region: line(100).optional(),
  postal_code: required(20),
  country: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code'),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+() .-]{3,40}$/, 'digits, spaces and + ( ) . - only')
    .optional(),
})

export const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  email_verified: z.boolean(),
  created_at: z.string(),
})

/** The signed-in answer: the customer and the CSRF token to send as `X-CSRF-Token` on changes. */
export const sessionAnswer = z.object({ customer: customerSchema, csrf_token: z.string() })

export const addressSchema = z.object({
  id: z.string(),
  name: z.string(),
  line1: z.string(),
  line2: z.string().optional(),
  city: z.string(),
  region: z.string().optional(),
  postal_code: z.string(),
  country: z.string(),
  phone: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
})

export const addressIdParams = z.object({ id: z.string().min(1).max(64) })
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
})

/** Blank optional fields are absent. */
export const addressInput = (b: z.infer<typeof addressBody>) => ({
  name: b.name,
  line1: b.line1,
  city: b.city,
  postal_code: b.postal_code,
  country: b.country,
  ...(b.line2 && { line2: b.line2 }),
  ...(b.region && { region: b.region }),
  ...(b.phone && { phone: b.phone }),
})
