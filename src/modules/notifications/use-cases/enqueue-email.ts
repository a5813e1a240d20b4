import { z } from 'zod'
import { AppError } from '../../../platform/app-error.ts'
import { err, ok, type Result } from '../../../platform/result.ts'
import type { EnqueueInput, NotificationsApi } from '../contract.ts'
import type { NotificationsContext } from '../deps.ts'
import { messageIdFor } from '../domain/message-id.ts'
import type { RenderedEmail } from '../domain/templates/template-kit.ts'
import { isTemplateName, renderTemplate } from '../domain/templates/templates.ts'
import type { InvalidInputError } from '../errors.ts'
import { toSummary } from '../store/email-rows.ts'
import { findByKey, insertEmail } from '../store/email-sql.ts'

const ADDRESS = z.email().max(254)
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
const KEY = /^[^\u0000-\u001f\u007f]{1,200}$/

const invalid = (field: string, message: string): InvalidInputError => ({ code: 'NOTIFICATIONS_INVALID_INPUT', field, message })

type Checked = { readonly to: string; readonly data: unknown; readonly rendered: RenderedEmail }

const check = (c: NotificationsContext, input: EnqueueInput): Result<Checked, InvalidInputError> => {
  if (typeof input.key !== 'string' || !KEY.test(input.key))
    return err(invalid('key', 'must be 1 to 200 characters, no control characters'))
  const to = typeof input.to === 'string' ? input.to.trim() : ''
  if (!ADDRESS.safeParse(to).success) return err(invalid('to', 'must be an e-mail address'))
  if (typeof input.template !== 'string' || !isTemplateName(input.template))
    return err(invalid('template', `unknown template "${String(input.template)}"`))
  const r = renderTemplate(input.template, input.data, c.options.brand)
  if (!r.ok) return err(invalid(r.error.field, r.error.message))
  return ok({ to, ...r.value })
}

/**
 * Checks and renders, then one conditional insert: a key already enqueued (even by a concurrent
 * caller) writes nothing and answers the existing row. The insert never fails on the key, so it
 * never aborts the caller's transaction.
 */
export const enqueueEmail =
  (c: NotificationsContext): NotificationsApi['enqueue'] =>
  async (input, tx) => {
    const checked = check(c, input)
    if (!checked.ok) return checked
    const db = tx ?? c.db.orm
    const id = c.newId()
    const { data, rendered, to } = checked.value
    const row = await insertEmail(db, {
      id,
      idempotencyKey: input.key,
      template: input.template,
      recipient: to,
      orderId: (data as { orderId?: string }).orderId ?? null,
      data,
      subject: rendered.subject,
      textBody: rendered.text,
      htmlBody: rendered.html,
      messageId: messageIdFor(id, c.options.messageIdDomain),
      status: 'queued',
      attempts: 0,
      nextAttemptAt: c.clock.now(),
      createdAt: c.clock.now(),
    })
    if (row) return ok({ email: toSummary(row), created: true })
    const existing = await findByKey(db, input.key)
    if (!existing) throw new AppError('NOTIFICATIONS_WRITE_FAILED', `The key "${input.key}" is taken but its e-mail is not visible.`)
    return ok({ email: toSummary(existing), created: false })
  }
