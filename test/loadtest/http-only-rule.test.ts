import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'
import { runProcess } from '../support/run-process.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** The dependency rules over the fixture plus one src/loadtest file. */
const cruise = async (source: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'crest-deps-lt-'))
  cpSync(join(root, 'test/fixtures/dependency-rules'), dir, { recursive: true })
  mkdirSync(join(dir, 'src/loadtest'), { recursive: true })
  writeFileSync(join(dir, 'src/loadtest/probe.ts'), source)
  const r = await runProcess(join(root, 'node_modules/.bin/depcruise'), ['src', '--config', join(root, '.dependency-cruiser.cjs')], {
    cwd: dir,
  })
  return { status: r.status, out: r.stdout + r.stderr }
}

test('crest loadtest talks HTTP only: importing a module or the platform from src/loadtest fails the check', async () => {
  expect((await cruise("import { request } from 'node:http'\nexport const probe = request\n")).status).toBe(0)
  const viaModule = await cruise("import { alpha } from '../modules/alpha/index.ts'\nexport const probe = alpha\n")
  expect(viaModule.status).not.toBe(0)
  expect(viaModule.out).toContain('loadtest-talks-http-only')
})
