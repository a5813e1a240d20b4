import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../http/error-body.ts'
import type { MaintenanceState, MaintenanceSwitch } from './maintenance-switch.ts'

const stateSchema = z.object({
  enabled: z.boolean(),
  message: z.string(),
  since: z.string().nullable(),
  forced_by_env: z.boolean(),
})
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

const toJson = (s: MaintenanceState) => ({ enabled: s.enabled, message: s.message, since: s.since, forced_by_env: s.forcedByEnv })

/** `/maintenance`: read and flip the maintenance switch (every process follows within a second). Register with prefix `/admin`. */
export const maintenanceAdminRoutes =
  (d: { readonly maintenance: MaintenanceSwitch; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    const common = { tags: ['admin: operations'], security: [{ bearerAuth: [] }] }
    app.get(
      '/maintenance',
      {
        preHandler: d.requireStaff,
        schema: { ...common, summary: 'The maintenance switch', response: { 200: stateSchema, 401: errorSchema } },
      },
      async () => toJson(d.maintenance.current()),
    )
    app.put(
      '/maintenance',
      {
        preHandler: d.requireStaff,
        schema: {
          ...common,
          summary: 'Switch maintenance on or off for every process',
          body: z.object({ enabled: z.boolean(), message: z.string().trim().max(500).optional() }),
          response: { 200: stateSchema, 401: errorSchema, 422: errorSchema, 503: errorSchema },
        },
      },
      async (req, reply) => {
        try {
          const s = await d.maintenance.set({
            enabled: req.body.enabled,
            ...(req.body.message !== undefined && { message: req.body.message }),
          })
          return toJson(s)
        } catch (e) {
          req.log.warn({ err: e }, 'maintenance switch not stored')
          return reply
            .code(503)
            .header('retry-after', '5')
            .send(errorBody('maintenance_switch_unavailable', 'The switch could not be stored (Redis unreachable); nothing changed.'))
        }
      },
    )
  }
