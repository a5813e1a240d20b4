import { describe, expect, test } from 'vitest'
import { applyAction, describeStatus, dwellMs, isFinal, nextOnWalk, type ShipmentStatus, WALK } from './shipment-walk.ts'

const timings = { labelCreatedMs: 1, inTransitMs: 2, outForDeliveryMs: 3 }
const ALL: ShipmentStatus[] = [...WALK, 'exception', 'canceled']

describe('the shipment walk', () => {
  test('advancing from label_created reaches delivered in three steps, then stops', () => {
    const seen: ShipmentStatus[] = ['label_created']
    for (let s = nextOnWalk('label_created'); s !== null; s = nextOnWalk(s)) seen.push(s)
    expect(seen).toEqual(['label_created', 'in_transit', 'out_for_delivery', 'delivered'])
    expect(applyAction('delivered', 'advance')).toBeNull()
  })

  test('only final statuses are final', () => {
    expect(ALL.filter(isFinal)).toEqual(['delivered', 'exception', 'canceled'])
  })

  test('cancel only before pickup; exception from any unfinished status', () => {
    expect(ALL.map((s) => applyAction(s, 'cancel'))).toEqual(['canceled', null, null, null, null, null])
    expect(ALL.map((s) => applyAction(s, 'exception'))).toEqual(['exception', 'exception', 'exception', null, null, null])
    expect(applyAction('exception', 'advance')).toBeNull()
    expect(applyAction('canceled', 'advance')).toBeNull()
  })

  test('each walking status dwells as configured; final ones and a manual walk never move on', () => {
    expect(ALL.map((s) => dwellMs(s, timings))).toEqual([1, 2, 3, null, null, null])
    expect(dwellMs('label_created', null)).toBeNull()
  })

  test('descriptions carry an optional note', () => {
    expect(describeStatus('exception', 'Address not found.')).toBe('Delivery exception. Address not found.')
  })
})
