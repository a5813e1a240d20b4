import { z } from 'zod'

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback)

/** The waiting room (docs/waiting-room.md): when it turns new shoppers into a queue and how fast it lets them in. */
export const waitingRoomShape = {
  /** auto: on above the thresholds below; on / off: forced (staff can switch it at /admin/waiting-room, which wins) */
  WAITING_ROOM_MODE: z.enum(['auto', 'on', 'off']).default('auto'),
  /** auto mode: on when this many distinct shoppers were seen in the last WAITING_ROOM_SESSION_WINDOW_SECONDS (0: not this rule) */
  WAITING_ROOM_MAX_SHOPPERS: int(0, 100_000_000, 0),
  /** auto mode: on when shopper requests per second (10-second average, every process) reach this (0: not this rule) */
  WAITING_ROOM_MAX_RPS: int(0, 10_000_000, 0),
  /** what counts as a "recent" shopper */
  WAITING_ROOM_SESSION_WINDOW_SECONDS: int(10, 3600, 60),
  /** auto mode stays on this long after the load fell below the thresholds, and until the line is empty */
  WAITING_ROOM_COOLDOWN_SECONDS: int(0, 86_400, 60),
  /** shoppers let in per second, over every process together */
  WAITING_ROOM_ADMIT_PER_SECOND: z.coerce.number().positive().max(1_000_000).default(10),
  /** how long an admitted shopper keeps access */
  WAITING_ROOM_PASS_SECONDS: int(10, 86_400, 1800),
  /** a ticket older than this is void: its holder queues again */
  WAITING_ROOM_TICKET_TTL_SECONDS: int(10, 7 * 86_400, 6 * 3600),
  /** HMAC key for tickets and passes (at least 32 characters); unset: a random key, shared through Redis when REDIS_URL is set */
  WAITING_ROOM_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  /** checkout: the store API queues only checkouts (apps browse freely); store: every /store request */
  WAITING_ROOM_API_SCOPE: z.enum(['checkout', 'store']).default('checkout'),
  /** the queue page refreshes (and Retry-After asks to come back) at most this many seconds apart */
  WAITING_ROOM_MAX_REFRESH_SECONDS: int(2, 300, 20),
} as const
