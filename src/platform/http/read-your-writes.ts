import type { FastifyInstance, FastifyReply } from 'fastify'
import { parseLsn } from '../db/replicas/lsn.ts'
import { enterReadContext } from '../db/replicas/read-context.ts'
import type { ReadPool } from '../db/read-pool.ts'

/** Carries the primary's WAL position after a write; reads sending it back see that write. */
export const READ_AFTER_COOKIE = 'crest_read_after'
export const READ_AFTER_HEADER = 'crest-read-after'

export type ReadYourWritesOptions = {
  readonly reads: ReadPool
  /** how long the cookie lives: past it, replicas in rotation have long replayed the write */
  readonly cookieSeconds: number
  readonly secureCookie: boolean
  /** requests whose every read must come from the primary (staff screens) */
  readonly primaryFor: (url: string) => boolean
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const COOKIE_PAIR = new RegExp(`(?:^|;\\s*)${READ_AFTER_COOKIE}=([0-9A-Fa-f]{1,8}(?:/|%2F)[0-9A-Fa-f]{1,8})(?:;|$)`)

const tokenOf = (header: unknown, cookie: string | undefined): string | undefined => {
  if (typeof header === 'string') return header
  const m = cookie ? COOKIE_PAIR.exec(cookie) : null
  return m?.[1]?.replace('%2F', '/')
}

const appendCookie = (reply: FastifyReply, cookie: string) => {
  const prev = reply.getHeader('set-cookie')
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)]
  reply.header('set-cookie', [...list, cookie])
}

/**
 * Read-your-writes with replicas: a successful write answers with the primary's WAL position (a
 * `Crest-Read-After` header and a short-lived cookie); a request carrying one reads from a replica
 * only once it has replayed that far. Staff requests read from the primary. See docs/replicas.md.
 */
export const registerReadYourWrites = (app: FastifyInstance, o: ReadYourWritesOptions) => {
  app.addHook('onRequest', async (req) => {
    if (o.primaryFor(req.url)) return enterReadContext({ primary: true })
    const after = parseLsn(tokenOf(req.headers[READ_AFTER_HEADER], req.headers.cookie))
    enterReadContext(after === undefined ? {} : { after })
  })
  app.addHook('onSend', async (req, reply, payload) => {
    if (!MUTATING.has(req.method) || reply.statusCode >= 400) return payload
    try {
      const lsn = await o.reads.writePosition()
      if (!lsn) return payload
      reply.header(READ_AFTER_HEADER, lsn)
      const secure = o.secureCookie ? '; Secure' : ''
      appendCookie(reply, `${READ_AFTER_COOKIE}=${lsn}; Path=/; Max-Age=${o.cookieSeconds}; HttpOnly; SameSite=Lax${secure}`)
    } catch (err) {
      req.log.warn({ err }, 'could not read the WAL position for read-your-writes')
    }
    return payload
  })
}
