/** One sample of the Prometheus text format: `name{label="value",…} 1.5`. */
export type Sample = { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly value: number }

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g

/** Parses a scrape into samples (comments skipped); throws on a line that is not a sample. */
export const parseSamples = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((line) => {
      const m = LINE.exec(line)
      if (!m) throw new Error(`not a sample line: ${line}`)
      const labels: Record<string, string> = {}
      for (const [, k, v] of (m[2] ?? '').matchAll(LABEL))
        labels[k as string] = (v as string).replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c))
      const raw = m[3] as string
      const value = raw === '+Inf' ? Number.POSITIVE_INFINITY : raw === '-Inf' ? Number.NEGATIVE_INFINITY : Number(raw)
      return { name: m[1] as string, labels, value }
    })

/** The metric families a scrape declares (`# TYPE name kind`). */
export const familiesOf = (text: string): Map<string, string> =>
  new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1] as string, m[2] as string]))

/** Samples of one series name whose labels include every given pair. */
export const find = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}): Sample[] =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))

/** The sum of the matching samples' values (0 when none match). */
export const sumOf = (samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number =>
  find(samples, name, labels).reduce((a, s) => a + s.value, 0)
