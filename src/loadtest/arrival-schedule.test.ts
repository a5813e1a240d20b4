import { describe, expect, test } from 'vitest'
import { arrivalsBy, buildSchedule, flashArrivalsBy, phaseAt, rateAt, SPIKE_FACTOR } from './arrival-schedule.ts'

describe('arrival schedule', () => {
  test('steady: rate × time journeys, whatever happens to earlier ones', () => {
    const s = buildSchedule('steady', { rate: 20, durationS: 60 })
    expect(arrivalsBy(s, 0)).toBe(0)
    expect(arrivalsBy(s, 1)).toBe(20)
    expect(arrivalsBy(s, 30.5)).toBeCloseTo(610)
    expect(arrivalsBy(s, 60)).toBe(1200)
    expect(arrivalsBy(s, 90)).toBe(1200)
    expect(rateAt(s, 59.9)).toBe(20)
    expect(rateAt(s, 60)).toBe(0)
  })

  test('ramp: linear from 0 to the rate, so arrivals grow with the square of time', () => {
    const s = buildSchedule('ramp', { rate: 10, durationS: 100 })
    expect(rateAt(s, 50)).toBe(5)
    expect(arrivalsBy(s, 50)).toBeCloseTo(125) // ½ · 50 s · 5/s
    expect(arrivalsBy(s, 100)).toBeCloseTo(500)
  })

  test('spike: base rate, ×10 for the window, then the base rate again', () => {
    const s = buildSchedule('spike', { rate: 4, durationS: 60, spikeAtS: 20, spikeForS: 10 })
    expect(rateAt(s, 19.9)).toBe(4)
    expect(rateAt(s, 20)).toBe(4 * SPIKE_FACTOR)
    expect(rateAt(s, 29.9)).toBe(40)
    expect(rateAt(s, 30)).toBe(4)
    expect(phaseAt(s, 25)).toBe('spike')
    expect(arrivalsBy(s, 60)).toBeCloseTo(20 * 4 + 10 * 40 + 30 * 4)
  })

  test('spike defaults: a third in, a sixth of the run, never more than 30 s', () => {
    const short = buildSchedule('spike', { rate: 1, durationS: 12 })
    expect(short.segments.map((g) => [g.label, g.fromS, g.toS])).toEqual([
      ['before spike', 0, 4],
      ['spike', 4, 6],
      ['after spike', 6, 12],
    ])
    const long = buildSchedule('spike', { rate: 1, durationS: 600 })
    expect(long.segments[1]).toMatchObject({ fromS: 200, toS: 230 })
  })

  test('flash sale: the shoppers arrive within a second of the opening, on top of the steady rate', () => {
    const s = buildSchedule('flash-sale', { rate: 2, durationS: 30, flashAtS: 10, flashShoppers: 100 })
    expect(flashArrivalsBy(s, 9.99)).toBe(0)
    expect(flashArrivalsBy(s, 10)).toBe(1)
    expect(flashArrivalsBy(s, 10.5)).toBe(51)
    expect(flashArrivalsBy(s, 11)).toBe(100)
    expect(flashArrivalsBy(s, 29)).toBe(100)
    expect(arrivalsBy(s, 30)).toBe(60)
  })

  test('black friday: ramp → steady → ×10 spike → steady, and a flash sale, in 5 minutes', () => {
    const s = buildSchedule('black-friday', { rate: 20, durationS: 300, flashShoppers: 300 })
    expect(s.segments.map((g) => [g.label, g.fromS, g.toS, g.rateFrom, g.rateTo])).toEqual([
      ['ramp', 0, 60, 0, 20],
      ['steady', 60, 135, 20, 20],
      ['spike', 135, 165, 200, 200],
      ['after spike', 165, 300, 20, 20],
    ])
    expect(s.flash).toEqual([{ atS: 240, shoppers: 300, overS: 1 }])
    expect(arrivalsBy(s, 300)).toBeCloseTo(600 + 1500 + 6000 + 2700)
    // the segments tile the run without gaps
    for (let i = 1; i < s.segments.length; i++) expect(s.segments[i]?.fromS).toBe(s.segments[i - 1]?.toS)
  })
})
