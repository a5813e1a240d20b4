import { describe, expect, test } from 'vitest'
import { parseMix, pickJourney } from './journey-mix.ts'
import { parseLoadtestArgs } from './loadtest-options.ts'
import { parseDurationMs } from './parse-duration.ts'
import { waitingRoomFromMetrics } from './probe-target.ts'

const now = new Date('2026-11-27T10:00:00Z')

describe('crest loadtest arguments', () => {
  test('the black-friday preset: 5 minutes at 20 journeys/s, 300 flash-sale shoppers; flags still win', () => {
    const o = parseLoadtestArgs(['--url', 'http://127.0.0.1:3000/', '--preset', 'black-friday'], now)
    expect(o).toMatchObject({
      url: 'http://127.0.0.1:3000',
      profile: 'black-friday',
      rate: 20,
      durationS: 300,
      flashShoppers: 300,
      p99TargetMs: 500,
      out: 'loadtest-reports/2026-11-27T10-00-00',
    })
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--preset', 'black-friday', '--rate', '5', '--duration', '6m'], now)).toMatchObject({
      rate: 5,
      durationS: 360,
    })
  })

  test('durations, targets and mixes are read', () => {
    const o = parseLoadtestArgs(
      [
        '--url',
        'http://x:1',
        '--profile',
        'spike',
        '--duration',
        '90s',
        '--p99-target',
        '250ms',
        '--mix',
        'product=1,checkout=1',
        '--find-knee',
      ],
      now,
    )
    expect(o).toMatchObject({
      profile: 'spike',
      durationS: 90,
      p99TargetMs: 250,
      findKnee: true,
      mix: { browse: 0, search: 0, product: 1, cart: 0, checkout: 1 },
    })
  })

  test('bad input is a message naming the flag', () => {
    expect(parseLoadtestArgs([], now)).toMatch(/--url/)
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--profile', 'weekend'], now)).toMatch(/--profile/)
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--preset', 'cyber-monday'], now)).toMatch(/--preset/)
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--duration', 'soon'], now)).toMatch(/--duration/)
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--rate', '-3'], now)).toMatch(/--rate/)
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--mix', 'browse=1,buy=2'], now)).toMatch(/unknown journey "buy"/)
    expect(parseLoadtestArgs(['--url', 'http://x:1', '--bogus'], now)).toMatch(/bogus/)
  })
})

test('durations', () => {
  expect(parseDurationMs('500ms')).toBe(500)
  expect(parseDurationMs('30')).toBe(30_000)
  expect(parseDurationMs('1.5m')).toBe(90_000)
  expect(parseDurationMs('2h')).toBe(7_200_000)
  expect(parseDurationMs('-1s')).toBeNull()
})

test('journey mix: weights pick journeys in proportion', () => {
  const mix = parseMix('browse=3,checkout=1')
  if (typeof mix === 'string') throw new Error(mix)
  expect(pickJourney(mix, 0)).toBe('browse')
  expect(pickJourney(mix, 0.74)).toBe('browse')
  expect(pickJourney(mix, 0.75)).toBe('checkout')
  expect(pickJourney(mix, 0.999)).toBe('checkout')
  expect(parseMix('browse=0')).toMatch(/at least one/)
})

test('waiting-room length from /metrics: summed over labels, null when absent', () => {
  const text = [
    '# HELP crest_waiting_room_length shoppers waiting',
    '# TYPE crest_waiting_room_length gauge',
    'crest_waiting_room_length{room="store"} 12',
    'crest_waiting_room_length{room="sale"} 30',
    'crest_waiting_room_length_total 99',
  ].join('\n')
  expect(waitingRoomFromMetrics(text)).toBe(42)
  expect(waitingRoomFromMetrics('crest_waiting_room_length 7 1700000000000\n')).toBe(7)
  expect(waitingRoomFromMetrics('http_requests_total 5\n')).toBeNull()
})
