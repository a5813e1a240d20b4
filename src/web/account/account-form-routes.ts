import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type ActiveSession, clearSessionCookie, sessionOf } from '../../modules/customers/index.ts'
import type { Order } from '../../modules/orders/index.ts'
import { type AccountView, accountHomePage } from './account-home-page.ts'
import { readForm } from '../storefront/forms/read-form.ts'
import { type Errors, erasedPage } from './form-views.ts'
import { addressForm, addressIdParam, eraseForm } from './forms.ts'
import { type Ctx, field, formSession, see } from './page-context.ts'

/** /account and its forms: addresses, e-mail verification, data export, erasure. */
export const registerAccountFormRoutes = (app: FastifyInstance, c: Ctx): void => {
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    s: ActiveSession,
    status: number,
    o: { notice?: string; errors?: Errors } = {},
  ) => {
    const orders = await c.customers.listOrders(s.customer.id, { limit: 20 })
    const view: AccountView = {
      customer: s.customer,
      csrf: s.csrfToken,
      orders: orders.ok ? (orders.value.items as Order[]) : [],
      addresses: await c.customers.listAddresses(s.customer.id),
      ...o,
    }
    return c.kit.sendPrivate(req, reply, status, (shell) => accountHomePage(shell, view))
  }

  app.get('/account', async (req, reply) => {
    const s = await sessionOf(c.customers, req)
    if (!s) return see(reply, '/account/sign-in')
    const q = (k: string) => field(req.query, k) === '1'
    const notice = q('verified')
      ? 'Your e-mail address is confirmed.'
      : q('welcome')
        ? 'Welcome! We sent you a link to confirm your e-mail address.'
        : undefined
    return show(req, reply, s, 200, notice ? { notice } : {})
  })

  app.post('/account/verification', async (req, reply) => {
    const s = await formSession(c, req, reply)
    if (!s) return reply
    const r = await c.customers.requestVerification(s.customer.id)
    return show(req, reply, s, 200, { notice: r.ok ? 'A new confirmation link is on its way.' : r.error.message })
  })

  app.post('/account/addresses', async (req, reply) => {
    const s = await formSession(c, req, reply)
    if (!s) return reply
    const form = readForm(addressForm, req.body)
    if (!form.ok) return show(req, reply, s, 422, { errors: form.errors })
    const v = form.value
    const r = await c.customers.addAddress(s.customer.id, {
      name: v.name,
      line1: v.line1,
      city: v.city,
      postal_code: v.postal_code,
      country: v.country,
      ...(v.line2 && { line2: v.line2 }),
      ...(v.phone && { phone: v.phone }),
    })
    return r.ok ? see(reply, '/account') : show(req, reply, s, 422, { errors: { general: r.error.message } })
  })

  app.post<{ Params: { id: string } }>('/account/addresses/:id/delete', async (req, reply) => {
    const s = await formSession(c, req, reply)
    if (!s) return reply
    const id = readForm(addressIdParam, req.params)
    if (!id.ok) return show(req, reply, s, 404, { errors: { general: 'That address is not in your account.' } })
    await c.customers.deleteAddress(s.customer.id, id.value.id)
    return see(reply, '/account')
  })

  app.post('/account/data-export', async (req, reply) => {
    const s = await formSession(c, req, reply)
    if (!s) return reply
    const r = await c.customers.exportData(s.customer.id)
    if (!r.ok) return see(reply, '/account/sign-in')
    return reply
      .header('cache-control', 'private, no-store')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(r.value, null, 2))
  })

  app.post('/account/erase', async (req, reply) => {
    const s = await formSession(c, req, reply)
    if (!s) return reply
    const form = readForm(eraseForm, req.body)
    if (!form.ok) return show(req, reply, s, 422, { errors: form.errors })
    const r = await c.customers.eraseAccount(s.customer.id, { password: form.value.password })
    if (!r.ok) {
      const text = r.error.code === 'CUSTOMERS_INVALID_CREDENTIALS' ? 'That password is not right.' : r.error.message
      return show(req, reply, s, r.error.code === 'CUSTOMERS_ORDERS_OPEN' ? 409 : 422, { errors: { password: text } })
    }
    clearSessionCookie(req, reply, c.cookies)
    return c.kit.sendPrivate(req, reply, 200, erasedPage)
  })
}
