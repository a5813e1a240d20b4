import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { buildSchedule, type Schedule } from './arrival-schedule.ts'
import { createHttpClient, type HttpClient } from './http-client.ts'
import { findKnee, type KneeResult } from './knee-search.ts'
import { joinRuns } from './join-runs.ts'
import { percentile } from './latency-histogram.ts'
import type { LoadtestOptions } from './loadtest-options.ts'
import { progressLine, progressWriter } from './progress-line.ts'
import { type Catalog, readCatalog } from './read-catalog.ts'
import { renderReportHtml } from './report-html.ts'
import { type LoadResult, runLoad } from './run-load.ts'
import { seededRandom } from './seeded-random.ts'
import { type RunSummary, summarizeRun } from './summarize-run.ts'

export type LoadtestIo = {
  readonly out: NodeJS.WriteStream
  readonly say: (line: string) => void
  readonly command: string
  /** Ctrl-C: stop arriving, drain, write the report of what ran */
  readonly stop?: AbortSignal
}
export type LoadtestOutcome = { readonly summary: RunSummary; readonly htmlPath: string; readonly jsonPath: string }

const PAUSE_BETWEEN_KNEE_STEPS_MS = 3000

const runSchedule = (
  http: HttpClient,
  probe: HttpClient,
  catalog: Catalog,
  o: LoadtestOptions,
  schedule: Schedule,
  random: () => number,
  io: LoadtestIo,
  label: string,
) => {
  const progress = progressWriter(io.out)
  return runLoad(http, catalog, {
    schedule,
    ...(io.stop && { stop: io.stop }),
    mix: o.mix,
    p99TargetMs: o.p99TargetMs,
    maxInFlight: o.maxInFlight,
    maxRetries: o.maxRetries,
    drainS: Math.ceil(o.timeoutMs / 1000) + 5,
    probeEveryS: 2,
    probe,
    ...(o.adminToken && { adminToken: o.adminToken }),
    random,
    onSecond: (sec, stats) =>
      progress.line(
        progressLine(sec, stats, label || schedule.segments.find((g) => sec.t >= g.fromS && sec.t < g.toS)?.label || 'drain'),
        (sec.t + 1) % 10 === 0,
      ),
  }).finally(() => progress.done())
}

const kneeRuns = async (
  http: HttpClient,
  probe: HttpClient,
  catalog: Catalog,
  o: LoadtestOptions,
  random: () => number,
  io: LoadtestIo,
) => {
  const runs: { result: LoadResult; label: string; rate: number }[] = []
  const knee: KneeResult = await findKnee(
    { startRate: o.rate, growth: 1.5, maxSteps: o.kneeSteps, refineSteps: 2, p99TargetMs: o.p99TargetMs, maxErrorRate: o.maxErrorRate },
    async (rate) => {
      if (runs.length) await new Promise((r) => setTimeout(r, PAUSE_BETWEEN_KNEE_STEPS_MS))
      io.say(`knee step ${runs.length + 1}: ${rate} journeys/s for ${o.kneeStepS} s`)
      const result = await runSchedule(
        http,
        probe,
        catalog,
        o,
        buildSchedule('steady', { rate, durationS: o.kneeStepS }),
        random,
        io,
        `${rate}/s`,
      )
      runs.push({ result, label: `${rate}/s`, rate })
      const s = result.stats.seconds
      const requests = s.reduce((a, x) => a + x.requests, 0) || 1
      return {
        rate,
        p99Ms: Math.round(percentile(result.stats.overall, 0.99) * 10) / 10,
        errorRate: s.reduce((a, x) => a + x.errors, 0) / requests,
        shedRate: s.reduce((a, x) => a + x.shed, 0) / requests,
        offeredRatio: result.offered ? result.started / result.offered : 1,
      }
    },
  )
  const joined = joinRuns(runs)
  const schedule: Schedule = { durationS: joined.result.stats.seconds.length, segments: joined.segments, flash: [] }
  return { result: joined.result, schedule, knee }
}

/**
 * With an admin token, the flash sale is run as an operator would: the variant's flash-sale gate
 * (PUT /admin/flash-sales/{id}) is opened before the run, at its stock then, and closed after.
 * Answers the units the gate admits (null: no gate).
 */
const flashGate = async (
  probe: HttpClient,
  catalog: Catalog,
  o: LoadtestOptions,
  active: boolean,
  io: LoadtestIo,
): Promise<number | null> => {
  if (!o.adminToken || !catalog.flash) return null
  const r = await probe.send(
    'PUT',
    `/admin/flash-sales/${encodeURIComponent(catalog.flash.id)}`,
    { active },
    { authorization: `Bearer ${o.adminToken}` },
  )
  if (r.status !== 200) {
    io.say(`could not ${active ? 'open' : 'close'} the flash-sale gate: ${r.status} ${r.code}`)
    return null
  }
  const units = (r.body as { units: number | null }).units
  if (active) io.say(`flash-sale gate open on ${catalog.flash.id}: it admits ${units} units`)
  return units
}

/** `crest loadtest`: reads the target's catalog, drives shoppers at it, writes report.html and summary.json. */
export const runLoadtest = async (o: LoadtestOptions, io: LoadtestIo): Promise<LoadtestOutcome> => {
  const http = createHttpClient(o.url, { maxSockets: o.maxInFlight, timeoutMs: o.timeoutMs })
  const probe = createHttpClient(o.url, { maxSockets: 4, timeoutMs: 5000 })
  try {
    const catalog = await readCatalog(probe, { maxPages: 20, popular: 20 })
    io.say(
      `${o.url}: ${catalog.handles.length} products, ${catalog.sellable.length} variants in stock; flash-sale variant ${catalog.flash?.id ?? '—'} (${catalog.flash?.available ?? 0} available)`,
    )
    const random = seededRandom(o.seed)
    const run = o.findKnee
      ? await kneeRuns(http, probe, catalog, o, random, io)
      : await (async () => {
          const schedule = buildSchedule(o.profile, o)
          const gate = schedule.flash.length ? await flashGate(probe, catalog, o, true, io) : null
          try {
            return { result: await runSchedule(http, probe, catalog, o, schedule, random, io, ''), schedule, knee: undefined, gate }
          } finally {
            if (gate !== null) await flashGate(probe, catalog, o, false, io)
          }
        })()
    const summary = summarizeRun(run.result, {
      target: o.url,
      command: io.command,
      profile: o.findKnee ? 'knee search' : o.profile,
      rate: o.rate,
      mix: o.mix,
      p99TargetMs: o.p99TargetMs,
      timeoutMs: o.timeoutMs,
      schedule: run.schedule,
      flashGateUnits: 'gate' in run ? run.gate : null,
      ...(run.knee && { knee: run.knee }),
    })
    const dir = resolve(o.out)
    mkdirSync(dir, { recursive: true })
    const htmlPath = join(dir, 'report.html')
    const jsonPath = join(dir, 'summary.json')
    writeFileSync(jsonPath, `${JSON.stringify(summary, null, 2)}\n`)
    writeFileSync(htmlPath, renderReportHtml(summary))
    return { summary, htmlPath, jsonPath }
  } finally {
    http.close()
    probe.close()
  }
}
