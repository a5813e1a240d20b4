import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { AppError } from '../../../platform/app-error.ts'
import { SECRET_KEY_BYTES } from '../../../platform/config/secret-key.ts'

/**
 * Secrets at rest (TOTP secrets in `staff.mfa.secret`): AES-256-GCM with a 96-bit random IV per
 * value, sealed as `v1:<iv>:<tag>:<ciphertext>` (base64url) in the same text column. The context
 * (e.g. the user id) is bound as additional data, so a sealed value copied onto another row does
 * not open. A value without the `v1:` prefix is a legacy plaintext one, read as it is.
 */
export type SecretCipher = {
  readonly seal: (plain: string, context: string) => string
  /** the plaintext; a legacy unsealed value is returned as stored (`legacy: true`: seal it on the next write) */
  readonly open: (stored: string, context: string) => { readonly plain: string; readonly legacy: boolean }
}

export const SEALED_PREFIX = 'v1:'

/** A sealed value that does not open: wrong key, changed bytes, or moved to another row. */
export class SecretUnreadableError extends AppError {
  constructor(reason: string, cause?: unknown) {
    super(
      'STAFF_SECRET_UNREADABLE',
      `A stored secret could not be decrypted (${reason}); is STAFF_SECRET_KEY the key it was sealed with?`,
      {
        ...(cause !== undefined && { cause }),
      },
    )
  }
}

const b64 = (b: Buffer) => b.toString('base64url')

export const createSecretCipher = (key: Buffer): SecretCipher => {
  if (key.length !== SECRET_KEY_BYTES) throw new AppError('STAFF_SECRET_KEY_INVALID', `The secret key must be ${SECRET_KEY_BYTES} bytes.`)
  return {
    seal: (plain, context) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return `${SEALED_PREFIX}${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(body)}`
    },
    open: (stored, context) => {
      if (!stored.startsWith(SEALED_PREFIX)) return { plain: stored, legacy: true }
      const parts = stored.slice(SEALED_PREFIX.length).split(':')
      if (parts.length !== 3) throw new SecretUnreadableError('malformed')
      const [iv, tag, body] = parts.map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer]
      if (iv.length !== 12 || tag.length !== 16) throw new SecretUnreadableError('malformed')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 })
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(tag)
        return { plain: Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'), legacy: false }
      } catch (cause) {
        throw new SecretUnreadableError('authentication failed', cause)
      }
    },
  }
}
