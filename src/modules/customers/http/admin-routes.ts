import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { CustomersApi } from '../contract.ts'
import type { CustomersAdminApi } from '../create-customers-admin.ts'
import { sendCustomersError } from './error-status.ts'
import { addressSchema, customerSchema, errorSchema } from './schemas.ts'

const adminCustomer = customerSchema.extend({
  order_count: z.number().int(),
  email_verified_at: z.string().nullable(),
  updated_at: z.string(),
})
const idParams = z.object({ id: z.string().min(1).max(64) })
const tags = ['admin: customers']

export type CustomersAdminRoutesDeps = { readonly customers: CustomersApi; readonly admin: CustomersAdminApi }

/**
 * Customer accounts for staff (docs/customers.md, "Admin API"): search, one account with its
 * addresses, its orders, and a data export on the customer's behalf. The admin guard checks the
 * permission (`customers:read`, `customers:write`) before any of these run.
 */
export const customersAdminRoutes =
  (d: CustomersAdminRoutesDeps): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()

    app.get(
      '/customers',
      {
        schema: {
          tags,
          summary: 'Customer accounts, newest first; q matches the e-mail or the name',
          querystring: z.object({
            q: z.string().trim().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z
              .string()
              .regex(/^cus_[0-9a-z]{1,60}$/, 'a cursor from next_cursor')
              .optional(),
          }),
          response: { 200: z.object({ customers: z.array(adminCustomer), next_cursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const { q, limit, cursor } = req.query
        const page = await d.admin.listCustomers({ limit, ...(q && { q }), ...(cursor && { cursor }) })
        return { customers: [...page.customers], next_cursor: page.next_cursor }
      },
    )

    app.get(
      '/customers/:id',
      {
        schema: {
          tags,
          summary: 'One customer account with its addresses and order count',
          params: idParams,
          response: { 200: z.object({ customer: adminCustomer, addresses: z.array(addressSchema) }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.admin.getCustomerDetail(req.params.id)
        return r.ok ? { customer: r.value.customer, addresses: [...r.value.addresses] } : sendCustomersError(reply, r.error)
      },
    )

    app.get(
      '/customers/:id/orders',
      {
        schema: {
          tags,
          summary: 'The orders of one customer account, newest first (cursor-paged)',
          params: idParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z.string().max(500).optional(),
          }),
          response: { 200: z.object({ orders: z.array(z.unknown()), next_cursor: z.string().nullable() }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const found = await d.customers.getCustomer(req.params.id)
        if (!found.ok) return sendCustomersError(reply, found.error)
        const r = await d.customers.listOrders(req.params.id, {
          limit: req.query.limit,
          ...(req.query.cursor && { cursor: req.query.cursor }),
        })
        return r.ok ? { orders: [...r.value.items], next_cursor: r.value.next_cursor } : sendCustomersError(reply, r.error)
      },
    )

    app.post(
      '/customers/:id/data-export',
      {
        schema: {
          tags,
          summary: 'Everything held about the customer as a JSON download (a data subject request made to staff; logged)',
          params: idParams,
          response: { 200: z.record(z.string(), z.unknown()), 404: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.customers.exportData(req.params.id)
        if (!r.ok) return sendCustomersError(reply, r.error)
        const x = r.value
        // the audit log is append-only and cannot be erased: it records what was exported, not the data
        req.auditResponse = {
          exported: { customer_id: x.customer.id, addresses: x.addresses.length, orders: x.orders.length, returns: x.returns.length },
        }
        reply.header('content-disposition', `attachment; filename="customer-${x.customer.id}.json"`)
        return x as unknown as Record<string, unknown>
      },
    )
  }
