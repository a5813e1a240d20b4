import cluster from 'node:cluster'
import { AggregatorRegistry } from 'prom-client'

/**
 * `serve --workers N`: Prometheus scrapes one port, and the worker that takes the scrape asks
 * the primary, which gathers every worker's registry over IPC (prom-client's AggregatorRegistry)
 * and answers with the sum (gauges marked `max`/`min` keep the largest/smallest reading).
 */
const REQUEST = 'crest:metrics:request'
const RESPONSE = 'crest:metrics:response'
const TIMEOUT_MS = 5000

type Message = { readonly type?: string; readonly id?: number; readonly text?: string; readonly error?: string }

/** In the cluster primary: answer workers' requests for the aggregated metrics. */
export const serveClusterMetrics = (): void => {
  const aggregator = new AggregatorRegistry()
  cluster.on('message', (worker, m: Message) => {
    if (m?.type !== REQUEST) return
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: RESPONSE, id: m.id, text }),
      (e: unknown) => worker.send({ type: RESPONSE, id: m.id, error: e instanceof Error ? e.message : String(e) }),
    )
  })
}

export const CLUSTER_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8'

const pending = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>()
let seq = 0
let listening = false

/** True in a `serve --workers` worker, where /metrics must show the whole cluster. */
export const inClusterWorker = (): boolean => cluster.isWorker && typeof process.send === 'function'

let answering = false
/** In a cluster worker: answer the primary's requests for this worker's metrics (prom-client sets the listener up). */
export const answerClusterScrapes = (): void => {
  if (answering || !inClusterWorker()) return
  answering = true
  new AggregatorRegistry()
}

/** In a cluster worker: the metrics of every worker, aggregated by the primary. */
export const clusterMetricsFromPrimary = (): Promise<string> => {
  if (!listening) {
    listening = true
    process.on('message', (m: Message) => {
      if (m?.type !== RESPONSE || m.id === undefined) return
      const p = pending.get(m.id)
      if (!p) return
      pending.delete(m.id)
      clearTimeout(p.timer)
      if (m.error !== undefined) p.reject(new Error(m.error))
      else p.resolve(m.text ?? '')
    })
  }
  return new Promise((resolve, reject) => {
    const id = ++seq
    const timer = setTimeout(() => {
      pending.delete(id)
      reject(new Error('the cluster primary did not answer with metrics in time'))
    }, TIMEOUT_MS)
    timer.unref()
    pending.set(id, { resolve, reject, timer })
    process.send?.({ type: REQUEST, id })
  })
}
