import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { CustomersRoutesDeps } from './routes-deps.ts'
import { sendCustomersError } from './error-status.ts'
import { requireCustomer } from './guard.ts'
import { addressBody, addressIdParams, addressInput, addressSchema, errorSchema, pageQuery, passwordBody } from './schemas.ts'
import { clearSessionCookie } from './session-cookie.ts'

const tags = ['store: customers']
const small = { bodyLimit: 16_384 }
const anyOrder = z.record(z.string(), z.unknown()).describe('an order (see GET /store/orders/{id})')

/** The signed-in customer's orders, addresses, data export and erasure. */
export const registerAccountRoutes = (root: FastifyInstance, d: CustomersRoutesDeps): void => {
  const app = root.withTypeProvider<ZodTypeProvider>()
  const { customers } = d

  app.get(
    '/customers/me/orders',
    {
      schema: {
        tags,
        summary: "The customer's orders, newest first",
        querystring: pageQuery,
        response: { 200: z.object({ orders: z.array(anyOrder), next_cursor: z.string().nullable() }), 400: errorSchema, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.listOrders(s.customer.id, { limit: req.query.limit, ...(req.query.cursor && { cursor: req.query.cursor }) })
      if (!r.ok) return reply.code(400).send({ error: { code: 'invalid_cursor', message: r.error.message } })
      return { orders: r.value.items as Record<string, unknown>[], next_cursor: r.value.next_cursor }
    },
  )

  app.get(
    '/customers/me/addresses',
    {
      schema: {
        tags,
        summary: "The customer's addresses",
        response: { 200: z.object({ addresses: z.array(addressSchema) }), 401: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      return { addresses: [...(await customers.listAddresses(s.customer.id))] }
    },
  )

  app.post(
    '/customers/me/addresses',
    {
      ...small,
      schema: {
        tags,
        summary: 'Add an address',
        body: addressBody,
        response: { 201: z.object({ address: addressSchema }), 401: errorSchema, 422: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.addAddress(s.customer.id, addressInput(req.body))
      return r.ok ? reply.code(201).send({ address: r.value }) : sendCustomersError(reply, r.error)
    },
  )

  app.get(
    '/customers/me/addresses/:id',
    {
      schema: {
        tags,
        summary: "One of the customer's addresses (404 for anyone else's)",
        params: addressIdParams,
        response: { 200: z.object({ address: addressSchema }), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.getAddress(s.customer.id, req.params.id)
      return r.ok ? { address: r.value } : sendCustomersError(reply, r.error)
    },
  )

  app.put(
    '/customers/me/addresses/:id',
    {
      ...small,
      schema: {
        tags,
        summary: 'Replace an address',
        params: addressIdParams,
        body: addressBody,
        response: { 200: z.object({ address: addressSchema }), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.updateAddress(s.customer.id, req.params.id, addressInput(req.body))
      return r.ok ? { address: r.value } : sendCustomersError(reply, r.error)
    },
  )

  app.delete(
    '/customers/me/addresses/:id',
    {
      schema: {
        tags,
        summary: 'Delete an address',
        params: addressIdParams,
        response: { 204: z.null(), 401: errorSchema, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.deleteAddress(s.customer.id, req.params.id)
      return r.ok ? reply.code(204).send(null) : sendCustomersError(reply, r.error)
    },
  )

  app.post(
    '/customers/me/data-export',
    {
      ...small,
      schema: {
        tags,
        summary: 'Download everything held about the customer as JSON (logged)',
        response: { 200: z.record(z.string(), z.unknown()), 401: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.exportData(s.customer.id)
      if (!r.ok) return sendCustomersError(reply, r.error)
      reply.header('content-disposition', 'attachment; filename="my-data.json"')
      return r.value as unknown as Record<string, unknown>
    },
  )

  app.post(
    '/customers/me/erasure',
    {
      ...small,
      schema: {
        tags,
        summary: 'Erase the account (password again): orders anonymised, figures kept; logged',
        body: passwordBody,
        response: { 204: z.null(), 401: errorSchema, 409: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.eraseAccount(s.customer.id, { password: req.body.password })
      if (!r.ok) return sendCustomersError(reply, r.error)
      clearSessionCookie(req, reply, d.cookies)
      return reply.code(204).send(null)
    },
  )
}
