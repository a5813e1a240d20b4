import { type ClaimedWork, claimWork, type DeliveryKey, type DispatchDeps, deliverGroup } from './dispatch-deliveries.ts'
import { type PollLoop, startPollLoop } from './poll-loop.ts'

type Group = { readonly rows: ClaimedWork['groups'][number]; readonly events: ClaimedWork['events'] }

/**
 * The database queue's dispatcher: `concurrency` lanes, each running one delivery transaction at a
 * time. Rows are claimed for the lanes that are free, and a lane that finishes wakes the claim
 * loop at once, so a slow delivery (a carrier call in its handler) holds up only its own lane,
 * not the rows claimed with it or the ones behind it. Stopping waits for the lanes at work.
 */
export const startDispatchLanes = (d: DispatchDeps & { readonly intervalMs: number }): PollLoop => {
  const lanes = d.options.concurrency
  const running = new Set<Promise<void>>()
  // claimed rows that split into more transactions than there were free lanes wait here, in order
  const waiting: Group[] = []
  // every row claimed and not finished: a handler slower than the lease must not be claimed again
  // by this process, which would take a second lane (and connection) to wait on the first
  const claimed = new Map<string, DeliveryKey>()
  const keyOf = (k: DeliveryKey) => `${k.consumer}\u0000${k.event_id}`
  let loop: PollLoop | undefined

  const startWaiting = () => {
    while (running.size < lanes && waiting.length > 0) {
      const g = waiting.shift() as Group
      const lane: Promise<void> = deliverGroup(d, g.rows, g.events)
        .catch((err: unknown) =>
          d.logger.error(
            { err, consumer: g.rows[0]?.consumer, eventIds: g.rows.map((r) => r.event_id) },
            'event delivery could not be settled',
          ),
        )
        .finally(() => {
          for (const r of g.rows) claimed.delete(keyOf(r))
          running.delete(lane)
          startWaiting()
          loop?.wake()
        })
      running.add(lane)
    }
  }

  loop = startPollLoop({
    name: 'dispatch',
    intervalMs: d.intervalMs,
    fullBatch: 1,
    logger: d.logger,
    run: async () => {
      const free = lanes - running.size - waiting.length
      if (free < 1) return 0 // a lane that finishes wakes the loop
      const work = await claimWork(d, free, [...claimed.values()])
      if (!work) return 0
      for (const rows of work.groups) {
        for (const r of rows) claimed.set(keyOf(r), { consumer: r.consumer, event_id: r.event_id })
        waiting.push({ rows, events: work.events })
      }
      startWaiting()
      return work.full ? 1 : 0
    },
  })

  return {
    wake: () => loop?.wake(),
    stop: async () => {
      await loop?.stop()
      while (running.size > 0) await Promise.all([...running])
    },
  }
}
