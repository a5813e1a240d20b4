import { z } from 'zod'
import { type Brand, button, composeEmail, greeting, paragraph, type RenderedEmail, storeUrl } from './template-kit.ts'

/**
 * Account e-mails (customers module): a link to one of the store's own pages carrying a
 * single-use token. The path must stay on the store (no `//host`, no scheme), so a link can never
 * be pointed at another site.
 */
export const accountEmailData = z.object({
  customerName: z.string().trim().min(1).max(200).optional(),
  actionPath: z
    .string()
    .max(2000)
    .regex(/^\/account\/[a-z-]+(\?[A-Za-z0-9_=&%.-]*)?$/, 'a path on the store under /account/'),
  expiresInMinutes: z
    .number()
    .int()
    .positive()
    .max(60 * 24 * 30)
    .optional(),
})

export type AccountEmailData = z.infer<typeof accountEmailData>

const ABOUT = 'your account'

const validity = (minutes: number | undefined): string =>
  minutes === undefined
    ? ''
    : minutes % 60 === 0
      ? ` The link works for ${minutes / 60} hour${minutes === 60 ? '' : 's'}, once.`
      : ` The link works for ${minutes} minutes, once.`

export const accountVerifyEmail = (d: AccountEmailData, brand: Brand): RenderedEmail =>
  composeEmail(
    brand,
    `Confirm your e-mail address for ${brand.storeName}`,
    [
      greeting(d.customerName),
      paragraph(`Please confirm that this is your e-mail address.${validity(d.expiresInMinutes)}`),
      button('Confirm e-mail address', storeUrl(brand, d.actionPath)),
      paragraph('If you did not create an account, ignore this e-mail.'),
    ],
    ABOUT,
  )

export const accountPasswordReset = (d: AccountEmailData, brand: Brand): RenderedEmail =>
  composeEmail(
    brand,
    `Reset your ${brand.storeName} password`,
    [
      greeting(d.customerName),
      paragraph(`Someone asked to reset the password of your account.${validity(d.expiresInMinutes)}`),
      button('Choose a new password', storeUrl(brand, d.actionPath)),
      paragraph('If it was not you, ignore this e-mail: your password stays as it is.'),
    ],
    ABOUT,
  )

export const accountLocked = (d: AccountEmailData, brand: Brand): RenderedEmail =>
  composeEmail(
    brand,
    `Sign-in attempts on your ${brand.storeName} account`,
    [
      greeting(d.customerName),
      paragraph(
        'Someone tried several wrong passwords for your account, so signing in is paused for a while, a little longer after each further wrong try.',
      ),
      paragraph(
        'If it was you, wait a moment or choose a new password. If it was not, your password has not been given away, but choosing a new one is a good idea.',
      ),
      button('Choose a new password', storeUrl(brand, d.actionPath)),
    ],
    ABOUT,
  )
