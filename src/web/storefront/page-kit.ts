import type { FastifyReply, FastifyRequest } from 'fastify'
import { CATALOG_TAG, type Category } from '../../modules/catalog/index.ts'
import { sendCached } from '../../platform/http/send-cached.ts'
import { buildCategoryTree } from './category-tree.ts'
import type { StorefrontDeps } from './deps.ts'
import { type ErrorView, errorPage } from './pages/error-page.ts'
import { requestOrigin } from './request-origin.ts'
import type { StaticAssets } from './static-assets.ts'
import type { Shell } from './views/shell.ts'

export const HTML = 'text/html; charset=utf-8'

/** An outcome shown as an error page; thrown inside a render so it is never cached. */
export class PageError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly heading: string,
    readonly detail: string,
    readonly link?: { readonly href: string; readonly text: string },
  ) {
    super(heading)
  }
}

/** One cacheable page: its key (without the origin, which serve adds), its tags, and how to render it. */
export type PagePlan = {
  readonly key: string
  readonly tags: readonly string[]
  readonly render: (shell: Shell) => Promise<string>
}

export type PageKit = {
  readonly deps: StorefrontDeps
  readonly currency: string
  readonly origin: (req: FastifyRequest) => string
  /** renders through the response cache and sends with ETag, Cache-Control and Surrogate-Key; PageError → error page */
  readonly serve: (req: FastifyRequest, reply: FastifyReply, plan: () => PagePlan | Promise<PagePlan>) => Promise<FastifyReply>
  readonly sendError: (req: FastifyRequest, reply: FastifyReply, e: ErrorView) => Promise<FastifyReply>
  /**
   * a per-shopper page (cart, checkout, order): rendered fresh, never cached anywhere; Referrer-Policy same-origin keeps
   * order tokens in addresses from leaking to other sites, and still lets the page's forms send their Origin
   */
  readonly sendPrivate: (
    req: FastifyRequest,
    reply: FastifyReply,
    status: number,
    render: (shell: Shell) => string,
  ) => Promise<FastifyReply>
}

export const createPageKit = (d: StorefrontDeps, assets: StaticAssets): PageKit => {
  const currency = d.config.DEFAULT_CURRENCY
  const selling = Boolean(d.cart && d.checkout && d.orders)
  const origin = (req: FastifyRequest) => requestOrigin(d.config.PUBLIC_URL, req)
  const shellFor = async (base: string): Promise<Shell> => {
    const entry = await d.cache.get('sf:categories', [CATALOG_TAG], async () => JSON.stringify(await d.catalog.listCategories()))
    const categories = JSON.parse(entry.body) as Category[]
    return { storeName: d.config.STORE_NAME, origin: base, currency, nav: buildCategoryTree(categories), assets, cart: selling }
  }

  const sendError: PageKit['sendError'] = async (req, reply, e) => {
    const base = origin(req)
    const shell = await shellFor(base).catch(
      (): Shell => ({ storeName: d.config.STORE_NAME, origin: base, currency, nav: buildCategoryTree([]), assets }),
    )
    return reply.code(e.status).header('cache-control', 'no-store').type(HTML).send(errorPage(shell, e))
  }

  const serve: PageKit['serve'] = async (req, reply, plan) => {
    try {
      const p = await plan()
      const base = origin(req)
      const entry = await d.cache.get(`sf|${base}|${p.key}`, p.tags, async () => p.render(await shellFor(base)))
      return sendCached(req, reply, entry, { contentType: HTML, surrogateKeys: p.tags, policy: d.policy })
    } catch (e) {
      if (e instanceof PageError)
        return sendError(req, reply, { status: e.status, heading: e.heading, detail: e.detail, ...(e.link && { link: e.link }) })
      throw e
    }
  }

  const sendPrivate: PageKit['sendPrivate'] = async (req, reply, status, render) => {
    const shell = await shellFor(origin(req))
    return reply
      .code(status)
      .header('cache-control', 'private, no-store')
      .header('referrer-policy', 'same-origin')
      .type(HTML)
      .send(render(shell))
  }

  return { deps: d, currency, origin, serve, sendError, sendPrivate }
}

/** A 400 page for a query string that failed validation. */
export const badRequest = (detail: string): PageError => new PageError(400, 'We could not read that request', detail)

export const notFound = (what: string): PageError =>
  new PageError(404, 'Page not found', `We could not find ${what}. It may have moved or is no longer available.`)
