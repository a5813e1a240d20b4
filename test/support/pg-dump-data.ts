import { spawnSync } from 'node:child_process'

/**
 * The table data inside a pg_dump custom-format file, read back with pg_restore: table → its rows
 * in COPY text form, sorted; sequence positions under `(sequences)`.
 */
export const dumpFileData = (file: string): Map<string, string[]> => {
  const r = spawnSync('pg_restore', ['--data-only', '--file=-', file], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
  if (r.status !== 0) throw new Error(`pg_restore --data-only ${file} failed: ${r.stderr}`)
  const out = new Map<string, string[]>()
  const sequences: string[] = []
  let table: string | null = null
  let rows: string[] = []
  for (const line of r.stdout.split('\n')) {
    if (table !== null) {
      if (line === '\\.') {
        out.set(table, rows.sort())
        table = null
      } else rows.push(line)
      continue
    }
    const copy = /^COPY (\S+) \(.*\) FROM stdin;$/.exec(line)
    if (copy) {
      table = (copy[1] as string).replaceAll('"', '')
      rows = []
      continue
    }
    const setval = /^SELECT pg_catalog\.setval\('([^']+)', (\d+), (true|false)\);$/.exec(line)
    if (setval) sequences.push(`${(setval[1] as string).replaceAll('"', '')} ${setval[2]} ${setval[3]}`)
  }
  out.set('(sequences)', sequences.sort())
  return out
}
