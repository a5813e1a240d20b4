import { spawnSync } from 'node:child_process'
import { get } from 'node:http'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { crest, startServe } from '../support/crest-process.ts'
import { runProcess } from '../support/run-process.ts'
import { createTestDatabase } from '../support/test-database.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

const childrenOf = (pid: number): number[] => {
  const out = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout
  return out
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0)
}

/**
 * A GET on a new connection each time (as a load balancer opens them), so a dead worker's
 * kept-alive socket is not reused. Answers the status, or the error's code when there was none.
 */
const freshGet = (url: string): Promise<number | string> =>
  new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })))
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message))
  })

/** The workers the primary logged a message about, e.g. "serve worker listening". */
const workersLogged = (output: string, msg: string): Set<number> =>
  new Set([...output.matchAll(/"worker_pid":(\d+),[^\n]*"msg":"([^"]*)"/g)].filter((m) => m[2] === msg).map((m) => Number(m[1])))
const LISTENING = 'serve worker listening'
const DIED = 'serve worker died; starting another'

const waitFor = async (what: string, check: () => boolean | Promise<boolean>, ms = 30_000) => {
  const deadline = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

test('--workers needs a shared database: on the embedded store it refuses with a clear message', async () => {
  const [r, bad] = await Promise.all([
    runProcess(process.execPath, [CREST, 'serve', '--workers', '2'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/tmp/crest-no-cluster' },
      timeoutMs: 60_000,
    }),
    runProcess(process.execPath, [CREST, 'serve', '--workers', 'two'], { timeoutMs: 60_000 }),
  ])
  expect(r.status).toBe(2)
  expect(r.stderr).toContain('--workers needs DATABASE_URL')
  expect(bad.status).toBe(2)
  expect(bad.stderr).toContain('--workers must be a whole number')
})

describe.runIf(Boolean(process.env.DATABASE_URL))('crest serve --workers 2 on PostgreSQL', () => {
  let url = ''
  let serve: Awaited<ReturnType<typeof startServe>>
  let db: Awaited<ReturnType<typeof createTestDatabase>>
  beforeAll(async () => {
    db = await createTestDatabase('postgres')
    url = db.url as string
    await crest(['migrate'], { DATABASE_URL: url })
    serve = await startServe({ DATABASE_URL: url, SEED_PRODUCTS: '0', LOG_LEVEL: 'info' }, 120_000, ['--workers', '2'])
    // ready means one worker answers; the other may still be starting, and killing the only one
    // listening would close the port until the other is up (as it would in production)
    await waitFor('both workers listening', () => workersLogged(serve.output(), LISTENING).size === 2, 60_000)
  }, 180_000)
  afterAll(async () => {
    await serve?.stop()
    await db?.close()
  })

  test('two processes answer on one port; a killed worker is replaced while the others keep answering', async () => {
    const primary = serve.child.pid as number
    const [victim] = workersLogged(serve.output(), LISTENING)
    process.kill(victim as number, 'SIGKILL')
    // a connection the primary hands over in the very instant of the death is lost (clients retry);
    // once the primary has let go of the dead worker (it says so), every new connection goes to a
    // live one. Waiting for the process to be reaped was not enough: its IPC channel can close later
    await waitFor('the primary to let go of the killed worker', () => workersLogged(serve.output(), DIED).has(victim as number), 30_000)
    // each failed answer records when it came and which workers were alive then, so a failure says why
    const answers: { at: number; status: number | string; workers?: number[] }[] = []
    const t0 = Date.now()
    while (Date.now() - t0 < 2000) {
      const status = await freshGet(`${serve.url}/healthz`)
      answers.push({ at: Date.now() - t0, status, ...(status !== 200 && { workers: childrenOf(primary) }) })
    }
    expect(
      answers.filter((a) => a.status !== 200),
      `${answers.length} answers; the serve output:\n${serve.output().slice(-4000)}`,
    ).toEqual([])
    await waitFor('a replacement worker', () => {
      const now = childrenOf(primary)
      return now.length === 2 && !now.includes(victim as number)
    })
    await waitFor('ready again', async () => (await fetch(`${serve.url}/readyz`)).status === 200)
  }, 60_000)

  test('SIGTERM drains every worker and the primary exits 0', async () => {
    const primary = serve.child.pid as number
    const workers = childrenOf(primary)
    const exited = new Promise<number | null>((resolve) => serve.child.once('exit', (code) => resolve(code)))
    serve.child.kill('SIGTERM')
    expect(await exited).toBe(0)
    for (const w of workers) expect(childrenOf(primary)).not.toContain(w)
  }, 60_000)
})
