import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { TaxApi } from '../contract.ts'
import type { TaxError } from '../errors.ts'

const security = [{ bearerAuth: [] }]
const tags = ['admin: tax']
const rateSchema = z.object({
  country: z.string(),
  region: z.string().describe("'' = the whole country"),
  rate_bp: z.number().int().describe('basis points: 2500 = 25%'),
  name: z.string(),
})
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

/** TAX_INVALID_RATE is the module's only expected error: bad input, answered like a failed schema check. */
const invalid = (e: TaxError) => errorBody('invalid_request', e.message, { in: 'body', fields: [{ field: e.field, message: e.message }] })

export const taxAdminRoutes =
  (d: { readonly tax: TaxApi; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    // before validation, so a request without a token gets 401 whatever its body
    app.addHook('preValidation', d.requireStaff)

    app.get(
      '/tax-rates',
      {
        schema: {
          tags,
          security,
          summary: 'Every tax rate, by country then region',
          response: { 200: z.object({ rates: z.array(rateSchema) }) },
        },
      },
      async () => ({ rates: await d.tax.listRates() }),
    )

    app.put(
      '/tax-rates/:country',
      {
        schema: {
          tags,
          security,
          summary: "Set a country's rate (or one region's, e.g. a US state)",
          params: z.object({ country: z.string().regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code') }),
          body: z.object({
            rate_bp: z.number().int().min(0).max(10_000),
            region: z
              .string()
              .regex(/^[A-Za-z0-9-]{0,10}$/)
              .optional(),
            name: z.string().min(1).max(60).optional(),
          }),
          response: { 200: z.object({ rate: rateSchema }), 422: errorSchema },
        },
      },
      async (req, reply) => {
        const b = req.body
        const r = await d.tax.setRate({
          country: req.params.country,
          rateBp: b.rate_bp,
          ...(b.region !== undefined && { region: b.region }),
          ...(b.name !== undefined && { name: b.name }),
        })
        return r.ok ? { rate: r.value } : reply.code(422).send(invalid(r.error))
      },
    )
  }
