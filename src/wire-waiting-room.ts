import type { FastifyInstance, preHandlerHookHandler } from 'fastify'
import type { Principal } from './platform/auth/bearer-auth.ts'
import type { CacheEngine } from './platform/cache/open-cache.ts'
import type { Config } from './platform/config/load-config.ts'
import type { Logger } from './platform/logging/create-logger.ts'
import {
  openWaitingRoom,
  registerWaitingRoom,
  type WaitingRoom,
  waitingRoomAdminRoutes,
  waitingRoomOptionsFromConfig,
} from './platform/waiting-room/index.ts'

/**
 * The waiting room in front of the shopper routes (docs/waiting-room.md), its admin switch at
 * /admin/waiting-room, and its timer stopped with the app. Staff tokens (and any bearer credential
 * `verifyToken` accepts, API keys included) pass without queueing.
 */
export const wireWaitingRoom = async (
  app: FastifyInstance,
  config: Config,
  e: { readonly cache: CacheEngine; readonly logger: Logger },
  d: { readonly verifyToken: (token: string) => Promise<Principal | null>; readonly requireStaff: preHandlerHookHandler },
): Promise<WaitingRoom> => {
  let lastLogged = 0
  const room = await openWaitingRoom({
    ...waitingRoomOptionsFromConfig(config),
    ...(e.cache.redis && { redis: e.cache.redis }),
    prefix: config.REDIS_PREFIX,
    onError: (err) => {
      if (Date.now() - lastLogged < 30_000) return
      lastLogged = Date.now()
      e.logger.warn({ err }, 'waiting room: could not read load or line; keeping the last state')
    },
  })
  registerWaitingRoom(app, {
    room,
    apiScope: config.WAITING_ROOM_API_SCOPE,
    storeName: config.STORE_NAME,
    secureCookies: config.NODE_ENV === 'production',
    bypass: async (token) => (await d.verifyToken(token)) !== null,
  })
  await app.register(waitingRoomAdminRoutes({ room, requireStaff: d.requireStaff }), { prefix: '/admin' })
  app.addHook('onClose', async () => room.stop())
  return room
}
