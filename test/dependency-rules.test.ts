import { spawnSync } from 'node:child_process'
import { mkdtempSync, cpSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const fixture = join(root, 'test/fixtures/dependency-rules')

/** Runs the project's dependency-cruiser rules over a copy of the fixture with extra files. */
const cruise = (extra: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'crest-deps-'))
  cpSync(fixture, dir, { recursive: true })
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(dir, file), text)
  const bin = join(root, 'node_modules/.bin/depcruise')
  const r = spawnSync(bin, ['src', '--config', join(root, '.dependency-cruiser.cjs')], { cwd: dir, encoding: 'utf8' })
  return { status: r.status, out: r.stdout + r.stderr }
}

test('the fixture as given follows the rules', () => {
  expect(cruise({}).status).toBe(0)
})

test('platform importing a module fails the check', () => {
  const r = cruise({ 'src/platform/bad.ts': "import { alpha } from '../modules/alpha/index.ts'\nexport const bad = alpha\n" })
  expect(r.status).not.toBe(0)
  expect(r.out).toContain('platform-not-to-modules')
})

test("a module reaching into another module's internals fails the check", () => {
  const r = cruise({ 'src/modules/beta/sneaky.ts': "import { secret } from '../alpha/internal.ts'\nexport const sneaky = secret\n" })
  expect(r.status).not.toBe(0)
  expect(r.out).toContain('modules-through-index-only')
})
