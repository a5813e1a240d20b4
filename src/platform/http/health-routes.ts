import type { FastifyInstance } from 'fastify'

/** `required: false`: a failure shows in the answer as degraded but the process stays ready (it has a fallback). */
export type ReadinessCheck = { readonly name: string; readonly check: () => Promise<void>; readonly required?: boolean }

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())])

/** /healthz: the process is alive. /readyz: it can serve (engines reachable, not draining). */
export const registerHealth = (app: FastifyInstance, checks: readonly ReadinessCheck[], isDraining: () => boolean) => {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (isDraining()) return reply.code(503).send({ status: 'draining' })
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          await withTimeout(c.check(), 2000)
          return [c.name, 'ok'] as const
        } catch (e) {
          return [c.name, (e as Error).message] as const
        }
      }),
    )
    const failing = results.filter(([, r]) => r !== 'ok').map(([name]) => name)
    const ready = failing.every((name) => checks.find((c) => c.name === name)?.required === false)
    const status = !ready ? 'not_ready' : failing.length > 0 ? 'degraded' : 'ready'
    return reply.code(ready ? 200 : 503).send({ status, checks: Object.fromEntries(results) })
  })
}
