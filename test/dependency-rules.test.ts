import { mkdtempSync, cpSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { runProcess } from './support/run-process.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const fixture = join(root, 'test/fixtures/dependency-rules')

/** Runs the project's dependency-cruiser rules over a copy of the fixture with extra files. */
const cruise = async (extra: Record<string, string>) => {
  const dir = mkdtempSync(join(tmpdir(), 'crest-deps-'))
  cpSync(fixture, dir, { recursive: true })
  for (const [file, text] of Object.entries(extra)) writeFileSync(join(dir, file), text)
  const bin = join(root, 'node_modules/.bin/depcruise')
  const r = await runProcess(bin, ['src', '--config', join(root, '.dependency-cruiser.cjs')], { cwd: dir })
  return { status: r.status, out: r.stdout + r.stderr }
}

test('the fixture as given follows the rules', async () => {
  expect((await cruise({})).status).toBe(0)
})

test('platform importing a module fails the check', async () => {
  const r = await cruise({ 'src/platform/bad.ts': "import { alpha } from '../modules/alpha/index.ts'\nexport const bad = alpha\n" })
  expect(r.status).not.toBe(0)
  expect(r.out).toContain('platform-not-to-modules')
})

test("a module reaching into another module's internals fails the check", async () => {
  const r = await cruise({ 'src/modules/beta/sneaky.ts': "import { secret } from '../alpha/internal.ts'\nexport const sneaky = secret\n" })
  expect(r.status).not.toBe(0)
  expect(r.out).toContain('modules-through-index-only')
})
