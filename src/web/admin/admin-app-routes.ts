import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'

/** Where `vite build` (admin/vite.config.ts) writes the admin app: index.html plus hashed files under app/. */
export const ADMIN_DIST = join(import.meta.dirname, '..', '..', '..', 'admin', 'dist')

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Admin not built</title></head>
<body><h1>The admin app is not built</h1><p>Run <code>npm run build:admin</code> (needs the dev dependencies), then reload.</p></body></html>`

/**
 * The admin single-page app (docs/admin-app.md, decision 0017): `GET /admin` (and `/admin/`: the server ignores trailing slashes) answers its
 * index.html, `GET /admin/app/*` its hashed assets (immutable). Everything else under /admin is the JSON API.
 * The app routes by URL hash (#/orders), so no other path ever needs the HTML.
 */
export const adminAppRoutes =
  (d: { readonly dist?: string } = {}): FastifyPluginAsync =>
  async (app) => {
    const dist = d.dist ?? ADMIN_DIST
    const assets = join(dist, 'app')
    const index = async (_req: unknown, reply: FastifyReply) => {
      const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => null)
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8')
      return html === null ? reply.code(503).send(NOT_BUILT) : reply.send(html)
    }
    app.get('/admin', { schema: { hide: true } }, index)
    app.get<{ Params: { '*': string } }>('/admin/app/*', { schema: { hide: true } }, async (req, reply) => {
      const rel = normalize(req.params['*'])
      const file = join(assets, rel)
      const type = TYPES[extname(rel)]
      if (!type || !file.startsWith(assets + sep) || rel.startsWith('..')) {
        return reply.code(404).send({ error: { code: 'not_found', message: 'No such admin asset.' } })
      }
      const body = await readFile(file).catch(() => null)
      if (body === null) return reply.code(404).send({ error: { code: 'not_found', message: 'No such admin asset.' } })
      // file names carry a content hash: safe to keep for a year
      return reply.header('cache-control', 'public, max-age=31536000, immutable').type(type).send(body)
    })
  }
