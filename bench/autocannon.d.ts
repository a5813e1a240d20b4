// Minimal types for the parts of autocannon's programmatic API the bench uses (the package ships none).
declare module 'autocannon' {
  namespace autocannon {
    type Histogram = {
      average: number
      mean: number
      stddev: number
      min: number
      max: number
      total: number
      p0_001?: number
      p2_5: number
      p10?: number
      p50: number
      p75: number
      p90: number
      p97_5: number
      p99: number
      p99_9: number
      p99_99: number
      p99_999: number
      sent?: number
    }
    type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }
    type RequestSpec = RawRequest & {
      setupRequest?: (req: RawRequest, context: Record<string, unknown>) => RawRequest | null | undefined
      onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, unknown>) => void
    }
    type Options = {
      url: string
      connections?: number
      duration?: number
      amount?: number
      timeout?: number
      pipelining?: number
      method?: string
      headers?: Record<string, string>
      requests?: RequestSpec[]
      title?: string
      bailout?: number
    }
    type Result = {
      title?: string
      url: string
      requests: Histogram
      latency: Histogram
      throughput: Histogram
      duration: number
      errors: number
      timeouts: number
      mismatches: number
      non2xx: number
      resets: number
      '1xx': number
      '2xx': number
      '3xx': number
      '4xx': number
      '5xx': number
      start: Date
      finish: Date
      connections: number
      pipelining: number
      statusCodeStats?: Record<string, { count: number }>
    }
    type Instance = PromiseLike<Result> & {
      stop: () => void
      on: (event: string, listener: (...args: unknown[]) => void) => Instance
    }
  }
  function autocannon(opts: autocannon.Options): autocannon.Instance
  export = autocannon
}
