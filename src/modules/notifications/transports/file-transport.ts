import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import nodemailer from 'nodemailer'
import { toSendMailOptions } from './mail-message.ts'
import { MailSendError, type MailTransport } from './mail-transport.ts'

const SAFE_ID = /^[A-Za-z0-9_-]{1,100}$/

/**
 * The default transport: each message becomes `<dir>/<row id>.eml` (RFC 5322, opens in any mail
 * client). Written to a temporary name, flushed, then renamed, so a reader never sees half a
 * file; named by the row id, so sending the same row again overwrites instead of adding a copy.
 */
export const fileTransport = (o: { readonly dir: string }): MailTransport => {
  const dir = resolve(o.dir)
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    describe: `file (${dir})`,
    send: async (m) => {
      if (!SAFE_ID.test(m.id)) throw new MailSendError(`"${m.id}" cannot name a file`, { permanent: true })
      const final = join(dir, `${m.id}.eml`)
      const tmp = join(dir, `.${m.id}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
      try {
        const { message } = await composer.sendMail(toSendMailOptions(m))
        if (!Buffer.isBuffer(message)) throw new Error('the composer returned a stream, not a buffer')
        await mkdir(dir, { recursive: true })
        const fh = await open(tmp, 'w', 0o600)
        try {
          await fh.writeFile(message)
          await fh.sync()
        } finally {
          await fh.close()
        }
        await rename(tmp, final)
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => {})
        throw new MailSendError(`could not write ${final}: ${(e as Error).message}`, { cause: e })
      }
    },
    close: async () => composer.close(),
  }
}
