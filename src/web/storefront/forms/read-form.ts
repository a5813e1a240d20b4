import { z } from 'zod'

/** One message per field, as the pages show them next to each field ('general' above the form). */
export type FieldErrors = Readonly<Record<string, string>>

export type FormResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: FieldErrors }

/**
 * Reads a posted form (or query) through its zod schema: the parsed value, or the first message
 * of each field that failed (by the issue's first path segment). A body that is not an object
 * (a JSON array or scalar posted to a form route) reads as an empty form.
 */
export const readForm = <S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> => {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? body : {}
  const r = schema.safeParse(input)
  if (r.success) return { ok: true, value: r.data }
  const errors: Record<string, string> = {}
  for (const issue of r.error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : 'general'
    errors[key] ??= issue.message
  }
  return { ok: false, errors }
}

/** The fields as posted (strings only, trimmed and cut), to put back into a form shown again with its errors. */
export const echo = (body: unknown, name: string, max = 200): string => {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined
  return typeof v === 'string' ? v.trim().slice(0, max) : ''
}

const blank = (v: unknown) => (v === undefined || v === null ? '' : v)

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * A text field: absent is '', trimmed, at most `max` characters, one line. `message` (default: the
 * `tooLong` one) is shown for a value that is not text at all (an array or object from a JSON post).
 */
export const textField = (max: number, o: { readonly tooLong?: string; readonly message?: string; readonly multiline?: boolean } = {}) =>
  z.preprocess(
    blank,
    z
      .string({ error: o.message ?? o.tooLong ?? 'Please enter text here.' })
      .trim()
      .max(max, o.tooLong ?? `At most ${max} characters.`)
      .refine((v) => o.multiline === true || !CONTROL.test(v), 'One line of text, please.'),
  )

/** A required text field: as `textField`, and not empty (`missing` is the message). */
export const requiredText = (max: number, missing: string, o: { readonly tooLong?: string } = {}) =>
  z
    .preprocess(
      blank,
      z
        .string({ error: missing })
        .trim()
        .min(1, missing)
        .max(max, o.tooLong ?? `At most ${max} characters.`),
    )
    .refine((v) => !CONTROL.test(v), 'One line of text, please.')

/** A password as typed (not trimmed), up to `max` characters; absent is ''. */
export const secretText = (max: number, tooLong: string) => z.preprocess(blank, z.string({ error: tooLong }).max(max, tooLong))

/** A whole number in [min, max] written in decimal digits; `message` for anything else. */
export const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    blank,
    z
      .string({ error: message })
      .trim()
      .regex(/^\d{1,9}$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(max, message)),
  )
