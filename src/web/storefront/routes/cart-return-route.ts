import type { FastifyInstance } from 'fastify'
import type { CartApi } from '../../../modules/cart/index.ts'
import { CART_COOKIE, serializeCookie, setCookie } from '../cookies.ts'
import type { PageKit } from '../page-kit.ts'

const CART_ID = /^cart_[0-9a-z]{10,64}$/

/**
 * `GET /cart/return/:id`, the link in the abandoned-cart reminder: puts that cart back in this
 * browser (when it can still be bought from) and shows /cart. The id is the same bearer the store
 * API's cart paths take; the page sends no Referer onward so it does not leak from here.
 */
export const registerCartReturnRoute = (app: FastifyInstance, kit: PageKit, d: { readonly cart: CartApi }): void => {
  const secure = kit.deps.config.NODE_ENV === 'production'
  app.get<{ Params: { id: string } }>('/cart/return/:id', async (req, reply) => {
    const id = req.params.id
    const found = CART_ID.test(id) ? await d.cart.getCart(id) : null
    if (found?.ok && found.value.status === 'active') setCookie(reply, serializeCookie(CART_COOKIE, id, { secure }))
    return reply.code(303).header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').redirect('/cart')
  })
}
