import autocannon from 'autocannon'

/** What one measured scenario produced (the warm-up is not included). */
export type Measurement = {
  readonly reqPerSec: number
  readonly latency: { readonly p50: number; readonly p90: number; readonly p99: number; readonly mean: number; readonly max: number }
  readonly requests: number
  readonly errors: number
  readonly timeouts: number
  readonly non2xx: number
  readonly statusCodes: Record<string, number>
  readonly bytesPerSec: number
  readonly durationSec: number
}

export type LoadSpec = {
  readonly url: string
  readonly connections: number
  /** a fixed path, or a function giving the path of every next request (called once per request sent) */
  readonly path: string | (() => string)
  /** called with each response's path and status (for repeat accounting) */
  readonly onResponse?: (path: string, status: number) => void
}

const options = (spec: LoadSpec, durationSec: number): autocannon.Options => {
  const base = { url: spec.url, connections: spec.connections, duration: durationSec, timeout: 10, pipelining: 1 }
  if (typeof spec.path === 'string' && !spec.onResponse) return { ...base, url: `${spec.url}${spec.path}` }
  const next = spec.path
  const onResponse = spec.onResponse
  return {
    ...base,
    requests: [
      {
        method: 'GET',
        // autocannon resets the per-connection context before building each request and calls
        // onResponse before building the next one (pipelining 1), so context.path is the answered path.
        setupRequest: (req, context) => {
          const path = typeof next === 'string' ? next : next()
          context.path = path
          return { ...req, path }
        },
        ...(onResponse && {
          onResponse: (status: number, _body: string, context: Record<string, unknown>) => onResponse(String(context.path), status),
        }),
      },
    ],
  }
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits

/** Runs a load bounded by durationSec (autocannon stops every connection at the deadline). */
export const runLoad = async (spec: LoadSpec, durationSec: number): Promise<Measurement> => {
  const instance = autocannon(options(spec, durationSec))
  const hardStop = setTimeout(() => instance.stop(), (durationSec + 30) * 1000)
  try {
    const r = await instance
    const statusCodes: Record<string, number> = {}
    for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(s.count)
    return {
      reqPerSec: round(r.requests.average, 1),
      latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, mean: round(r.latency.average), max: r.latency.max },
      requests: r.requests.total,
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      statusCodes,
      bytesPerSec: Math.round(r.throughput.average),
      durationSec: r.duration,
    }
  } finally {
    clearTimeout(hardStop)
  }
}
