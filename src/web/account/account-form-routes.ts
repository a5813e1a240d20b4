import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type ActiveSession, clearSessionCookie, sessionOf } from '../../modules/customers/index.ts'
import type { Order } from '../../modules/orders/index.ts'
import { type AccountView, accountHomePage } from './account-home-page.ts'
import { type Errors, erasedPage } from './form-views.ts'
import { type Ctx, field, formSession, secretField, see } from './page-context.ts'

const ADDRESS_LIMITS = { name: 200, line1: 200, line2: 200, city: 100, postal_code: 20, country: 2, phone: 40 } as const
const ID = /^[A-Za-z0-9_-]{1,64}$/
const PHONE = /^[0-9+() .-]{3,40}$/

/** The address form, checked like the API's schema; errors per field. */
const readAddress = (body: unknown) => {
  const v = Object.fromEntries(Object.entries(ADDRESS_LIMITS).map(([k, max]) => [k, field(body, k, max * 4)])) as Record<
    keyof typeof ADDRESS_LIMITS,
    string
  >
  const errors: Record<string, string> = {}
  for (const [k, max] of Object.entries(ADDRESS_LIMITS))
    if ((v[k as keyof typeof v] ?? '').length > max) errors[k] = `At most ${max} characters.`
  for (const k of ['name', 'line1', 'city', 'postal_code'] as const) if (!v[k]) errors[k] = 'Please fill this in.'
  if (!/^[A-Za-z]{2}$/.test(v.country)) errors.country = 'Two letters, e.g. NO.'
  if (v.phone && !PHONE.test(v.phone)) errors.phone = 'Digits, spaces and + ( ) . - only.'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused
  for (const [k, x] of Object.entries(v)) if (/[\u0000-\u001f\u007f]/.test(x)) errors[k] = 'One line of text, please.'
  return { value: v, errors }
}

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
    const { value: v, errors } = readAddress(req.body)
    if (Object.keys(errors).length > 0) return show(req, reply, s, 422, { errors })
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
    if (ID.test(req.params.id)) await c.customers.deleteAddress(s.customer.id, req.params.id)
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
    const r = await c.customers.eraseAccount(s.customer.id, { password: secretField(req.body, 'password') })
    if (!r.ok) {
      const text = r.error.code === 'CUSTOMERS_INVALID_CREDENTIALS' ? 'That password is not right.' : r.error.message
      return show(req, reply, s, r.error.code === 'CUSTOMERS_ORDERS_OPEN' ? 409 : 422, { errors: { password: text } })
    }
    clearSessionCookie(req, reply, c.cookies)
    return c.kit.sendPrivate(req, reply, 200, erasedPage)
  })
}
