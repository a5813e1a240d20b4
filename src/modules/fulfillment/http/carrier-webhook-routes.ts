import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { OrderProcessingApi } from '../processing-contract.ts'
import { sendProcessingError } from './send-processing-error.ts'

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

/**
 * Inbound carrier webhooks, `POST /webhooks/carriers/:name` (register with prefix `/webhooks`).
 * The signature covers the raw body, so in this plugin's scope bodies are kept as the exact
 * string received, whatever their content type, and parsed only after they verify.
 */
export const carrierWebhookRoutes =
  (d: { readonly processing: Pick<OrderProcessingApi, 'receiveWebhook'> }): FastifyPluginAsync =>
  async (root) => {
    root.removeAllContentTypeParsers()
    root.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 256 * 1024 }, (_req, body, done) => done(null, body))
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.post(
      '/carriers/:name',
      {
        schema: {
          tags: ['webhooks'],
          summary: "A carrier's tracking events, signed (the sandbox carrier: Crest-Carrier-Signature over the raw body)",
          params: z.object({ name: z.string().min(1).max(32) }),
          body: z
            .string()
            .max(256 * 1024)
            .describe('the event(s) as the carrier sends them; JSON for the sandbox carrier'),
          response: {
            200: z.object({ recorded: z.number().int(), duplicates: z.number().int(), unknown: z.number().int() }),
            401: errorSchema,
            404: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const r = await d.processing.receiveWebhook({ carrier: req.params.name, rawBody: req.body, headers: req.headers })
        reply.header('cache-control', 'no-store')
        return r.ok ? r.value : sendProcessingError(reply, r.error)
      },
    )
  }
