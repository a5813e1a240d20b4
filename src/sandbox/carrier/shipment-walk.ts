/**
 * How a sandbox shipment moves: along the walk `label_created → in_transit → out_for_delivery →
 * delivered`, on timers or when an admin advances it; `exception` (set by an admin) and
 * `canceled` (only before pickup) end it early. Pure: no timers, no clock.
 */
export const WALK = ['label_created', 'in_transit', 'out_for_delivery', 'delivered'] as const
export type WalkStatus = (typeof WALK)[number]
export type ShipmentStatus = WalkStatus | 'exception' | 'canceled'
export type ShipmentAction = 'advance' | 'exception' | 'cancel'

/** How long a shipment stays in each status before it moves on by itself (milliseconds). */
export type WalkTimings = { readonly labelCreatedMs: number; readonly inTransitMs: number; readonly outForDeliveryMs: number }

/** Demo pace: delivered about 20 s after the label is created. */
export const DEMO_TIMINGS: WalkTimings = { labelCreatedMs: 5000, inTransitMs: 10_000, outForDeliveryMs: 5000 }

export const isFinal = (s: ShipmentStatus): boolean => s === 'delivered' || s === 'exception' || s === 'canceled'

/** The next status on the walk; null when there is none (delivered, exception, canceled). */
export const nextOnWalk = (s: ShipmentStatus): WalkStatus | null => {
  const i = (WALK as readonly string[]).indexOf(s)
  return i < 0 ? null : (WALK[i + 1] ?? null)
}

/** The status an action leads to, or null when the action is not allowed from `s`. */
export const applyAction = (s: ShipmentStatus, action: ShipmentAction): ShipmentStatus | null => {
  switch (action) {
    case 'advance':
      return nextOnWalk(s)
    case 'exception':
      return isFinal(s) ? null : 'exception'
    case 'cancel':
      return s === 'label_created' ? 'canceled' : null
  }
}

/** How long until the shipment moves on by itself; null when it will not (final, or manual walk). */
export const dwellMs = (s: ShipmentStatus, timings: WalkTimings | null): number | null => {
  if (!timings) return null
  if (s === 'label_created') return timings.labelCreatedMs
  if (s === 'in_transit') return timings.inTransitMs
  if (s === 'out_for_delivery') return timings.outForDeliveryMs
  return null
}

const DESCRIPTIONS: Record<ShipmentStatus, string> = {
  label_created: 'Shipping label created; the parcel is waiting for pickup.',
  in_transit: 'The parcel is on its way.',
  out_for_delivery: 'The parcel is out for delivery.',
  delivered: 'The parcel was delivered.',
  exception: 'Delivery exception.',
  canceled: 'The shipment was canceled before pickup.',
}

export const describeStatus = (s: ShipmentStatus, note?: string): string => (note ? `${DESCRIPTIONS[s]} ${note}` : DESCRIPTIONS[s])
