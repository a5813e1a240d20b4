import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { startServe } from './support/crest-process.ts'
import { runProcess } from './support/run-process.ts'

const CREST = fileURLToPath(new URL('../bin/crest.js', import.meta.url))
const dataDir = mkdtempSync(join(tmpdir(), 'crest-cli-'))
const env = { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' }

const run = async (args: string[], extra: Record<string, string> = {}) => {
  const r = await runProcess(process.execPath, [CREST, ...args], { env: { ...process.env, ...env, ...extra } })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('the crest command on the embedded engine', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  test('an invalid setting stops the start with a message naming it', async () => {
    const r = await run(['serve'], { PORT: 'eighty' })
    expect(r.status).toBe(2)
    expect(r.out).toContain('PORT')
    expect((await run(['migrate'], { DATABASE_URL: 'mysql://nope' })).out).toContain('DATABASE_URL')
  })

  test('migrate, then seed is deterministic and idempotent', async () => {
    expect((await run(['migrate'])).out).toContain('Migrations applied')
    const first = await run(['seed', '--products', '30'])
    expect(first.status).toBe(0)
    expect(first.out).toContain('Seeded 30 new products')
    const again = await run(['seed', '--products', '30'])
    expect(again.out).toContain('Seeded 0 new products')
    expect((await run(['seed', '--products', 'many'])).status).toBe(2)
  })

  test('user create checks its arguments and refuses a duplicate', async () => {
    const args = ['user', 'create', '--email', 'Owner@Example.test', '--password', 'correct horse battery', '--role', 'owner']
    expect((await run(args)).out).toContain('Created staff user owner@example.test')
    expect((await run(args)).status).not.toBe(0)
    expect((await run(['user', 'create', '--email', 'a@b.c', '--password', 'correct horse battery', '--role', 'king'])).out).toContain(
      '--role must be one of',
    )
    expect((await run(['user', 'create', '--email', 'a@b.c', '--password', 'short', '--role', 'admin'])).out).toContain('at least 10')
    expect((await run(['frobnicate'])).out).toContain('Unknown command')
  })

  test('a second process on the same embedded data refuses clearly, and the server drains on SIGTERM', async () => {
    const server = await startServe(env)
    try {
      const r = await run(['seed'])
      expect(r.status).not.toBe(0)
      expect(r.out).toMatch(/in use by process \d+/)
      const token = await fetch(`${server.url}/admin/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.test', password: 'correct horse battery' }),
      })
      expect(token.status).toBe(200)
    } finally {
      await server.stop()
    }
    expect(server.child.exitCode).toBe(0)
    expect(server.output()).not.toContain('"level":50')
  })
})
