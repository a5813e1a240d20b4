import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../db/database.ts'
import { claimIdempotencyKey } from '../db/claim-idempotency-key.ts'
import { idempotencyKeys } from '../db/platform-schema.ts'
import { errorBody } from './error-body.ts'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { scope: string; key: string }
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

/** The value of a cookie in a Cookie header, or undefined. */
const cookieValue = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim()
  }
  return undefined
}

/**
 * Who sent the request: its bearer token, or its session cookies (so one customer's key can never
 * replay another customer's answer), else anonymous.
 */
const scopeOf = (req: FastifyRequest, sessionCookies: readonly string[]) => {
  const session = sessionCookies.map((n) => cookieValue(req.headers.cookie, n)).find((v) => v)
  const credential = req.headers.authorization ?? (session && `cookie:${session}`)
  const who = credential ? sha256(credential).slice(0, 16) : 'anon'
  return `${req.method} ${req.url.split('?')[0]} ${who}`
}

/** Claims the key, or answers for it: replay when done, 409 while in progress, 422 if reused. */
const claim = async (db: Database, req: FastifyRequest, reply: FastifyReply, key: string, sessionCookies: readonly string[]) => {
  const scope = scopeOf(req, sessionCookies)
  const requestHash = sha256(JSON.stringify(req.body ?? null))
  if (await claimIdempotencyKey(db, scope, key, requestHash)) {
    req.idempotency = { scope, key }
    return
  }
  const [row] = await db.orm
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)))
  if (!row || row.statusCode === null) {
    return reply.code(409).send(errorBody('idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.'))
  }
  if (row.requestHash !== requestHash) {
    return reply.code(422).send(errorBody('idempotency_key_reused', 'This Idempotency-Key was used with a different request body.'))
  }
  return reply.code(row.statusCode).header('idempotent-replayed', 'true').send(row.responseBody)
}

const record = async (db: Database, req: FastifyRequest, status: number, payload: unknown) => {
  const id = req.idempotency
  if (!id) return
  const where = and(eq(idempotencyKeys.scope, id.scope), eq(idempotencyKeys.key, id.key))
  if (status >= 500) {
    await db.orm.delete(idempotencyKeys).where(where) // a failure on our side may be retried
    return
  }
  let body: unknown = null
  if (typeof payload === 'string' && payload.length > 0) {
    try {
      body = JSON.parse(payload)
    } catch {
      body = payload
    }
  }
  await db.orm.update(idempotencyKeys).set({ statusCode: status, responseBody: body }).where(where)
}

/** Every mutating endpoint honours `Idempotency-Key`: a replay returns the first response (24 h). */
export const registerIdempotency = (app: FastifyInstance, db: Database, o: { readonly sessionCookies?: readonly string[] } = {}): void => {
  const sessionCookies = o.sessionCookies ?? []
  // callback-style: requests without a key (every read) go through without a promise
  app.addHook('preHandler', (req, reply, done) => {
    const key = MUTATING.has(req.method) ? req.headers['idempotency-key'] : undefined
    if (typeof key !== 'string') return done()
    if (key.length < 1 || key.length > 255) {
      reply.code(400).send(errorBody('invalid_idempotency_key', 'Idempotency-Key must be 1 to 255 characters.'))
      return
    }
    claim(db, req, reply, key, sessionCookies).then(() => done(), done)
  })
  const recorded = async (req: FastifyRequest, status: number, payload: unknown) => {
    await record(db, req, status, payload).catch((e) => req.log.error({ err: e }, 'idempotency record failed'))
    req.idempotency = undefined
    return payload
  }
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!req.idempotency) return done(null, payload)
    recorded(req, reply.statusCode, payload).then((p) => done(null, p), done)
  })
}
