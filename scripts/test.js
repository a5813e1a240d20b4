#!/usr/bin/env node
// `npm test`: the dependency rules, the type check, lint, then every test (unit, integration, browser).
// Integration tests run on the embedded engines, and also on PostgreSQL/Redis when
// DATABASE_URL/REDIS_URL are set (.ci/run sets them).
import { spawnSync } from 'node:child_process'

const steps = [
  ['dependency rules', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs']],
  ['type check', 'npx', ['tsc', '--noEmit']],
  ['admin app type check', 'npx', ['tsc', '-p', 'admin']],
  ['admin app build (when stale)', 'node', ['scripts/build-admin.js']],
  ['lint', 'npx', ['biome', 'lint', '.']],
  ['tests', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
]

for (const [name, cmd, args] of steps) {
  const started = Date.now()
  process.stdout.write(`\n▶ ${name}: ${cmd} ${args.join(' ')}\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  if (r.status !== 0) {
    process.stdout.write(`\n✖ ${name} failed (exit ${r.status ?? r.signal})\n`)
    process.exit(r.status ?? 1)
  }
  process.stdout.write(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
}
