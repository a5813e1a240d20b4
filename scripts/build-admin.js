#!/usr/bin/env node
// Builds the admin app (admin/ → admin/dist/) with Vite when the build is missing or older than its
// sources; otherwise does nothing. `npm start`, `npm test` and the admin browser test call it, so a
// clean clone works after `npm install` (docs/admin-app.md). `--force` always builds.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const admin = fileURLToPath(new URL('../admin/', import.meta.url))
const built = join(admin, 'dist', 'index.html')

const newest = (path) => {
  const s = statSync(path)
  if (!s.isDirectory()) return s.mtimeMs
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs)
}

export const adminBuildIsFresh = () => {
  if (!existsSync(built)) return false
  const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => join(admin, p)).filter(existsSync)
  return Math.max(...sources.map(newest)) <= statSync(built).mtimeMs
}

export const buildAdmin = async ({ force = false } = {}) => {
  if (!force && adminBuildIsFresh()) return 'fresh'
  let vite
  try {
    vite = await import('vite')
  } catch {
    process.stderr.write('admin app: vite is not installed (dev dependency); /admin answers 503 until `npm run build:admin` runs\n')
    return 'skipped'
  }
  await vite.build({ configFile: join(admin, 'vite.config.ts'), root: admin, logLevel: 'warn' })
  return 'built'
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now()
  const r = await buildAdmin({ force: process.argv.includes('--force') })
  if (r === 'built') process.stdout.write(`admin app built in ${((Date.now() - started) / 1000).toFixed(1)} s (admin/dist)\n`)
}
