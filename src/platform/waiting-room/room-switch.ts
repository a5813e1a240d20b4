import type { Redis } from 'ioredis'

export type RoomMode = 'auto' | 'on' | 'off'

/**
 * What every process must agree on besides the line: the staff switch (which wins over
 * WAITING_ROOM_MODE) and "the store was over its thresholds within the cool-down". With Redis
 * these are two keys; without, two variables.
 */
export type RoomSwitch = {
  readonly readMode: () => Promise<RoomMode | null>
  readonly writeMode: (m: RoomMode) => Promise<void>
  /** someone saw the thresholds passed: stay on for `ms` from now */
  readonly markHot: (ms: number) => Promise<void>
  readonly isHot: () => Promise<boolean>
}

const MODES = new Set<string>(['auto', 'on', 'off'])

export const localRoomSwitch = (nowMs: () => number = Date.now): RoomSwitch => {
  let mode: RoomMode | null = null
  let hotUntil = 0
  return {
    readMode: async () => mode,
    writeMode: async (m) => {
      mode = m
    },
    markHot: async (ms) => {
      hotUntil = Math.max(hotUntil, nowMs() + ms)
    },
    isHot: async () => nowMs() < hotUntil,
  }
}

export const redisRoomSwitch = (redis: Redis, prefix: string): RoomSwitch => {
  const modeKey = `${prefix}wr:mode`
  const hotKey = `${prefix}wr:hot`
  return {
    readMode: async () => {
      const v = await redis.get(modeKey)
      return v && MODES.has(v) ? (v as RoomMode) : null
    },
    writeMode: async (m) => {
      await redis.set(modeKey, m)
    },
    markHot: async (ms) => {
      await redis.set(hotKey, '1', 'PX', Math.max(1, ms))
    },
    isHot: async () => (await redis.exists(hotKey)) === 1,
  }
}

/** On when forced on; in auto, while over the thresholds (within the cool-down) or anyone is still in line. */
export const decideActive = (s: { readonly mode: RoomMode; readonly hot: boolean; readonly waiting: number }): boolean =>
  s.mode === 'on' || (s.mode === 'auto' && (s.hot || s.waiting > 0))

/** Over a threshold (0 turns a rule off). */
export const overThresholds = (
  load: { readonly shoppers: number; readonly rps: number },
  t: { readonly maxShoppers: number; readonly maxRps: number },
) => (t.maxShoppers > 0 && load.shoppers >= t.maxShoppers) || (t.maxRps > 0 && load.rps >= t.maxRps)
