import { LOADTEST_USAGE, parseLoadtestArgs } from '../loadtest/loadtest-options.ts'
import { runLoadtest } from '../loadtest/run-loadtest.ts'

/** the command line as the report shows it: a token never lands in a file */
const redact = (args: string[]) =>
  args.map((a, i) => (args[i - 1] === '--admin-token' ? '…' : a.startsWith('--admin-token=') ? '--admin-token=…' : a))

/** `crest loadtest …`: drives shoppers at a Crest URL over HTTP only (it opens no engine). */
export const loadtestCommand = async (args: string[], fail: (message: string) => never) => {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`Usage: ${LOADTEST_USAGE}\n\nHow to rehearse and read the report: docs/operations.md\n`)
    return
  }
  const o = parseLoadtestArgs(args, new Date(), process.env)
  if (typeof o === 'string') return fail(`${o}\n\nUsage: ${LOADTEST_USAGE}`)
  const say = (l: string) => process.stdout.write(`${l}\n`)
  const stop = new AbortController()
  const interrupt = () => {
    if (stop.signal.aborted) process.exit(130)
    say('\nstopping: no new shoppers; waiting for those in flight, then writing the report (Ctrl-C again to quit at once)')
    stop.abort()
  }
  process.on('SIGINT', interrupt)
  process.on('SIGTERM', interrupt)
  const {
    summary: s,
    htmlPath,
    jsonPath,
  } = await runLoadtest(o, { out: process.stdout, say, command: `crest loadtest ${redact(args).join(' ')}`, stop: stop.signal })
  const t = s.totals
  say(
    `${t.requests} requests (${t.requestsPerSecond}/s), p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms; ${t.orders} orders; ` +
      `${t.errors} errors (${(t.errorRate * 100).toFixed(2)} %), ${t.shed} shed, ${t.soldOut} sold out, ${t.journeysDropped} journeys dropped by the generator`,
  )
  if (s.spike)
    say(
      `spike: ${s.spike.accepted.count} accepted answers, p99 ${s.spike.accepted.p99} ms, ${s.spike.acceptedOverTarget} over the target, ${s.spike.shed} shed, ` +
        `${s.spike.timeouts} timeouts; within the p99 target again ${s.spike.underTargetAfterS === null ? 'never' : `${s.spike.underTargetAfterS} s`} after, normal ${s.spike.recoveredAfterS === null ? 'never' : `${s.spike.recoveredAfterS} s`} after`,
    )
  if (s.knee)
    say(
      `knee: ${s.knee.kneeRate === null ? 'no rate held' : `${s.knee.kneeRate} journeys/s`} (p99 ≤ ${s.p99TargetMs} ms, errors ≤ ${o.maxErrorRate * 100} %)`,
    )
  say(`report: ${htmlPath}\nsummary: ${jsonPath}`)
}
