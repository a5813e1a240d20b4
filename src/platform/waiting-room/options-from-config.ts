import type { Config } from '../config/load-config.ts'
import type { WaitingRoomOptions } from './create-waiting-room.ts'

export const waitingRoomOptionsFromConfig = (c: Config): WaitingRoomOptions => ({
  mode: c.WAITING_ROOM_MODE,
  maxShoppers: c.WAITING_ROOM_MAX_SHOPPERS,
  maxRps: c.WAITING_ROOM_MAX_RPS,
  sessionWindowSeconds: c.WAITING_ROOM_SESSION_WINDOW_SECONDS,
  cooldownSeconds: c.WAITING_ROOM_COOLDOWN_SECONDS,
  admitPerSecond: c.WAITING_ROOM_ADMIT_PER_SECOND,
  passSeconds: c.WAITING_ROOM_PASS_SECONDS,
  ticketTtlSeconds: c.WAITING_ROOM_TICKET_TTL_SECONDS,
  maxRefreshSeconds: c.WAITING_ROOM_MAX_REFRESH_SECONDS,
  ...(c.WAITING_ROOM_SECRET && { secret: c.WAITING_ROOM_SECRET }),
})
