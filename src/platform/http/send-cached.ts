import type { FastifyReply, FastifyRequest } from 'fastify'
import type { CachedBody } from '../cache/response-cache.ts'

export type HttpCachePolicy = { readonly sMaxAge: number; readonly staleWhileRevalidate: number }

const etagMatches = (header: string | undefined, etag: string): boolean => {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)
}

/**
 * Sends a serialized cacheable response: ETag (304 on a match), Cache-Control that lets a CDN keep
 * it (`s-maxage`, `stale-while-revalidate`) while browsers revalidate, and Surrogate-Key for purges.
 */
export const sendCached = (
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CachedBody,
  o: { readonly contentType: string; readonly surrogateKeys: readonly string[]; readonly policy: HttpCachePolicy },
) => {
  reply
    .header('etag', entry.etag)
    .header(
      'cache-control',
      `public, max-age=0, must-revalidate, s-maxage=${o.policy.sMaxAge}, stale-while-revalidate=${o.policy.staleWhileRevalidate}`,
    )
    .header('surrogate-key', o.surrogateKeys.join(' '))
    .header('vary', 'Accept-Encoding')
  if (etagMatches(req.headers['if-none-match'], entry.etag)) return reply.code(304).send()
  return reply.type(o.contentType).send(entry.body)
}
