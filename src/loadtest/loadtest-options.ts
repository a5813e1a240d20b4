import { parseArgs } from 'node:util'
import { PROFILES, type Profile } from './arrival-schedule.ts'
import { DEFAULT_MIX, type JourneyMix, parseMix } from './journey-mix.ts'
import { parseDurationMs } from './parse-duration.ts'

export type LoadtestOptions = {
  readonly url: string
  readonly profile: Profile
  readonly rate: number
  readonly durationS: number
  readonly mix: JourneyMix
  readonly p99TargetMs: number
  readonly timeoutMs: number
  readonly out: string
  readonly maxInFlight: number
  readonly maxRetries: number
  readonly spikeAtS?: number
  readonly spikeForS?: number
  readonly flashAtS?: number
  readonly flashShoppers?: number
  readonly findKnee: boolean
  readonly kneeStepS: number
  readonly kneeSteps: number
  readonly maxErrorRate: number
  readonly seed: number
  /** a staff token or API key (or CREST_ADMIN_TOKEN): exact stock, and the flash sale's gate opened */
  readonly adminToken?: string
}

export const LOADTEST_USAGE = `crest loadtest --url URL [--preset black-friday] [--profile steady|ramp|spike|flash-sale|black-friday]
    [--rate N] [--duration 5m] [--mix browse=30,search=25,product=25,cart=12,checkout=8] [--p99-target 500ms]
    [--timeout 10s] [--out DIR] [--max-in-flight 1000] [--max-retries 3] [--spike-at 2m] [--spike-for 30s]
    [--flash-at 4m] [--flash-shoppers 300] [--admin-token T] [--find-knee [--knee-step 20s] [--knee-steps 8] [--max-error-rate 0.01]] [--seed N]`

const STRING_OPTIONS = [
  'url',
  'preset',
  'profile',
  'rate',
  'duration',
  'mix',
  'p99-target',
  'timeout',
  'out',
  'max-in-flight',
  'max-retries',
].concat(['spike-at', 'spike-for', 'flash-at', 'flash-shoppers', 'knee-step', 'knee-steps', 'max-error-rate', 'seed', 'admin-token'])

const PRESETS: Record<string, { profile: Profile; rate: number; durationS: number; flashShoppers: number }> = {
  'black-friday': { profile: 'black-friday', rate: 20, durationS: 300, flashShoppers: 300 },
}

const seconds = (v: string | undefined, name: string): number | undefined | string => {
  if (v === undefined) return undefined
  const ms = parseDurationMs(v)
  return ms === null || ms < 0 ? `${name} must be a duration such as 30s, 5m or 500ms` : ms / 1000
}

const number = (v: string | undefined, name: string, min: number, max: number, integer = false): number | undefined | string => {
  if (v === undefined) return undefined
  const n = Number(v)
  return Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n))
    ? n
    : `${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`
}

/** Parses and checks `crest loadtest` arguments; a string is the first problem found. */
export const parseLoadtestArgs = (args: string[], now: Date, env: Record<string, string | undefined> = {}): LoadtestOptions | string => {
  const options: Record<string, { type: 'string' | 'boolean' }> = { 'find-knee': { type: 'boolean' } }
  for (const k of STRING_OPTIONS) options[k] = { type: 'string' }
  let values: Record<string, unknown>
  try {
    values = parseArgs({ args, options }).values
  } catch (e) {
    return (e as Error).message
  }
  const v = (k: string) => values[k] as string | undefined
  const url = v('url')
  if (!url || !/^https?:\/\/[^/]+/.test(url)) return '--url must be the http(s) address of a Crest store, e.g. http://127.0.0.1:3000'
  const presetName = v('preset')
  const preset = presetName === undefined ? undefined : PRESETS[presetName]
  if (presetName !== undefined && !preset) return `--preset must be one of: ${Object.keys(PRESETS).join(', ')}`
  const profile = (v('profile') ?? preset?.profile ?? 'steady') as Profile
  if (!PROFILES.includes(profile)) return `--profile must be one of: ${PROFILES.join(', ')}`
  const mix = v('mix') === undefined ? DEFAULT_MIX : parseMix(v('mix') as string)
  if (typeof mix === 'string') return `--mix: ${mix}`
  const parsed = {
    rate: number(v('rate'), '--rate', 0.1, 100_000),
    durationS: seconds(v('duration'), '--duration'),
    p99: seconds(v('p99-target'), '--p99-target'),
    timeout: seconds(v('timeout'), '--timeout'),
    maxInFlight: number(v('max-in-flight'), '--max-in-flight', 1, 100_000, true),
    maxRetries: number(v('max-retries'), '--max-retries', 0, 20, true),
    spikeAtS: seconds(v('spike-at'), '--spike-at'),
    spikeForS: seconds(v('spike-for'), '--spike-for'),
    flashAtS: seconds(v('flash-at'), '--flash-at'),
    flashShoppers: number(v('flash-shoppers'), '--flash-shoppers', 0, 100_000, true),
    kneeStepS: seconds(v('knee-step'), '--knee-step'),
    kneeSteps: number(v('knee-steps'), '--knee-steps', 1, 30, true),
    maxErrorRate: number(v('max-error-rate'), '--max-error-rate', 0, 1),
    seed: number(v('seed'), '--seed', 0, 2 ** 31, true),
  }
  for (const x of Object.values(parsed)) if (typeof x === 'string') return x
  const p = parsed as { [K in keyof typeof parsed]: number | undefined }
  const durationS = p.durationS ?? preset?.durationS ?? 60
  if (durationS < 1 || durationS > 24 * 3600) return '--duration must be from 1s to 24h'
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19)
  return {
    url: url.replace(/\/$/, ''),
    profile,
    rate: p.rate ?? preset?.rate ?? 10,
    durationS,
    mix,
    p99TargetMs: (p.p99 ?? 0.5) * 1000,
    timeoutMs: (p.timeout ?? 10) * 1000,
    out: v('out') ?? `loadtest-reports/${stamp}`,
    maxInFlight: p.maxInFlight ?? 1000,
    maxRetries: p.maxRetries ?? 3,
    ...(p.spikeAtS !== undefined && { spikeAtS: p.spikeAtS }),
    ...(p.spikeForS !== undefined && { spikeForS: p.spikeForS }),
    ...(p.flashAtS !== undefined && { flashAtS: p.flashAtS }),
    ...((p.flashShoppers ?? preset?.flashShoppers) !== undefined && { flashShoppers: p.flashShoppers ?? preset?.flashShoppers }),
    findKnee: values['find-knee'] === true,
    kneeStepS: p.kneeStepS ?? 20,
    kneeSteps: p.kneeSteps ?? 8,
    maxErrorRate: p.maxErrorRate ?? 0.01,
    seed: p.seed ?? Date.now() % 2 ** 31,
    ...((v('admin-token') ?? env.CREST_ADMIN_TOKEN) && { adminToken: v('admin-token') ?? env.CREST_ADMIN_TOKEN }),
  }
}
