// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): where the serve process spent
// its CPU time, by function (self time) and by package or source file.
// Usage: node bin/run-ts.js bench/profile-summary.ts <file.cpuprofile> [--top N] [--match text] [--last S]
// (--last S: only the samples of the profile's final S seconds, e.g. the load without the start-up)
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

type CallFrame = { functionName: string; url: string; lineNumber: number }
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string' }, match: { type: 'string' }, last: { type: 'string' } },
})
const file = positionals[0]
if (!file) {
  process.stderr.write('usage: profile-summary <file.cpuprofile> [--top N] [--match text] [--last S]\n')
  process.exit(2)
}
const top = Number(values.top ?? 25)
const p = JSON.parse(readFileSync(file, 'utf8')) as Profile

const byId = new Map(p.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)

const selfUs = new Map<number, number>()
const from = values.last === undefined ? -Infinity : p.endTime - Number(values.last) * 1e6
let at = p.startTime
p.samples.forEach((id, i) => {
  at += p.timeDeltas[i] ?? 0
  if (at >= from) selfUs.set(id, (selfUs.get(id) ?? 0) + (p.timeDeltas[i] ?? 0))
})
const total = [...selfUs.values()].reduce((a, b) => a + b, 0)

const where = (f: CallFrame): string => {
  if (!f.url) return `(${f.functionName || 'native'})`
  const nm = f.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (nm) return nm[1] as string
  if (f.url.startsWith('node:')) return f.url
  return f.url.replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')
}
const label = (f: CallFrame) => `${f.functionName || '(anonymous)'}  ${where(f)}:${f.lineNumber + 1}`

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)
const byFunction = new Map<string, number>()
const byPlace = new Map<string, number>()
const inclusive = new Map<string, number>()
const placeInclusive = new Map<string, number>()
let busy = 0
for (const [id, us] of selfUs) {
  const n = byId.get(id) as ProfileNode
  add(byFunction, label(n.callFrame), us)
  add(byPlace, where(n.callFrame), us)
  if (n.callFrame.functionName !== '(idle)') busy += us
  const places = new Set<string>()
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur))
    places.add(where((byId.get(cur) as ProfileNode).callFrame))
  for (const pl of places) add(placeInclusive, pl, us)
  if (values.match) {
    // inclusive time of every frame whose label contains --match (counted once per sample stack)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label((byId.get(cur) as ProfileNode).callFrame)
      if (l.includes(values.match) && !seen.has(l)) {
        seen.add(l)
        add(inclusive, l, us)
      }
    }
  }
}

const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${((us / busy) * 100).toFixed(1).padStart(5)}% of busy`
const show = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`)
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`)
}
console.log(`${file}: ${(total / 1e6).toFixed(2)} s of samples over ${((p.endTime - p.startTime) / 1e6).toFixed(1)} s`)
show('Self time by package / file', byPlace)
show('Self time by function', byFunction)
show('Inclusive time by package / file (anything on the stack)', placeInclusive)
if (values.match) show(`Inclusive time of frames matching "${values.match}"`, inclusive)
