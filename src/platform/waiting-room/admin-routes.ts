import type { FastifyPluginAsync, preHandlerHookHandler } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { errorBody } from '../http/error-body.ts'
import type { RoomSnapshot, WaitingRoom } from './create-waiting-room.ts'

const stateSchema = z.object({
  mode: z.enum(['auto', 'on', 'off']),
  mode_source: z.enum(['staff', 'config']),
  active: z.boolean(),
  over_thresholds: z.boolean(),
  shoppers: z.number(),
  requests_per_second: z.number(),
  waiting: z.number(),
  tickets_issued: z.number(),
  admitted_through: z.number(),
  admit_per_second: z.number(),
  checked_at: z.string().nullable(),
})
const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

const toJson = (s: RoomSnapshot) => ({
  mode: s.mode,
  mode_source: s.modeSource,
  active: s.active,
  over_thresholds: s.hot,
  shoppers: s.shoppers,
  requests_per_second: s.rps,
  waiting: s.waiting,
  tickets_issued: s.lastIssued,
  admitted_through: s.admittedThrough,
  admit_per_second: s.admitPerSecond,
  checked_at: s.checkedAt,
})

/** `/waiting-room`: its state, and the staff switch (auto / on / off, every process follows within a second). Register with prefix `/admin`. */
export const waitingRoomAdminRoutes =
  (d: { readonly room: WaitingRoom; readonly requireStaff: preHandlerHookHandler }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    const common = { tags: ['admin: operations'], security: [{ bearerAuth: [] }] }
    app.get(
      '/waiting-room',
      {
        preHandler: d.requireStaff,
        schema: { ...common, summary: 'The waiting room: load, line and switch', response: { 200: stateSchema, 401: errorSchema } },
      },
      async () => toJson(d.room.current()),
    )
    app.put(
      '/waiting-room',
      {
        preHandler: d.requireStaff,
        schema: {
          ...common,
          summary: 'Switch the waiting room on, off, or back to automatic, for every process',
          body: z.object({ mode: z.enum(['auto', 'on', 'off']) }),
          response: { 200: stateSchema, 401: errorSchema, 422: errorSchema, 503: errorSchema },
        },
      },
      async (req, reply) => {
        try {
          return toJson(await d.room.setMode(req.body.mode))
        } catch (e) {
          req.log.warn({ err: e }, 'waiting room switch not stored')
          return reply
            .code(503)
            .header('retry-after', '5')
            .send(errorBody('waiting_room_unavailable', 'The switch could not be stored (Redis unreachable); nothing changed.'))
        }
      },
    )
  }
