import { err, ok } from '../../../platform/result.ts'
import type { IntegrationsApi } from '../contract.ts'
import type { IntegrationsContext } from '../deps.ts'
import { isWebhookUrl, WILDCARD } from '../domain/matches-subscription.ts'
import {
  attemptsOf,
  deleteSubscription,
  findDelivery,
  findSubscription,
  insertSubscription,
  listDeliveryRows,
  listSubscriptions,
  requeueDelivery,
} from '../store/webhook-sql.ts'
import { toDelivery, toWebhook } from './to-api.ts'

export const createWebhook =
  (c: IntegrationsContext): IntegrationsApi['createWebhook'] =>
  async (input) => {
    if (!isWebhookUrl(input.url)) return err({ code: 'INTEGRATIONS_INVALID_URL', message: 'The URL must be an http or https URL.' })
    const unknown = input.eventTypes.filter((t) => t !== WILDCARD && !c.options.topics.includes(t))
    if (unknown.length > 0)
      return err({ code: 'INTEGRATIONS_UNKNOWN_EVENT_TYPE', message: `Unknown event types: ${unknown.join(', ')}.`, eventTypes: unknown })
    const row = await insertSubscription(c.db.orm, {
      id: c.newId('whk'),
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      secret: c.newSecret(),
      active: input.active ?? true,
      createdAt: c.clock.now(),
    })
    return ok({ ...toWebhook(row), secret: row.secret })
  }

export const listWebhooks =
  (c: IntegrationsContext): IntegrationsApi['listWebhooks'] =>
  async () =>
    (await listSubscriptions(c.db.orm)).map(toWebhook)

export const deleteWebhook =
  (c: IntegrationsContext): IntegrationsApi['deleteWebhook'] =>
  async (id) => {
    const gone = await c.db.orm.transaction((tx) => deleteSubscription(tx, id))
    return gone ? ok(null) : err({ code: 'INTEGRATIONS_WEBHOOK_NOT_FOUND', message: `No webhook ${id}.` })
  }

export const listDeliveries =
  (c: IntegrationsContext): IntegrationsApi['listDeliveries'] =>
  async ({ webhookId, limit = 50 }) => {
    if (!(await findSubscription(c.db.orm, webhookId)))
      return err({ code: 'INTEGRATIONS_WEBHOOK_NOT_FOUND', message: `No webhook ${webhookId}.` })
    const rows = await listDeliveryRows(c.db.orm, webhookId, Math.min(Math.max(1, limit), 200))
    const log = await attemptsOf(
      c.db.orm,
      rows.map((r) => r.id),
    )
    return ok(
      rows.map((r) =>
        toDelivery(
          r,
          log.filter((a) => a.deliveryId === r.id),
        ),
      ),
    )
  }

/** A delivered or failed delivery goes back to the queue, due now, with its attempts reset (its log is kept). */
export const replayDelivery =
  (c: IntegrationsContext): IntegrationsApi['replayDelivery'] =>
  async (deliveryId) => {
    const row = await requeueDelivery(c.db.orm, deliveryId, c.clock.now())
    if (row) return ok(toDelivery(row, await attemptsOf(c.db.orm, [row.id])))
    const found = await findDelivery(c.db.orm, deliveryId)
    return found
      ? err({ code: 'INTEGRATIONS_DELIVERY_IN_PROGRESS', message: 'The delivery is still queued or being sent.' })
      : err({ code: 'INTEGRATIONS_DELIVERY_NOT_FOUND', message: `No delivery ${deliveryId}.` })
  }
