import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { csrfTokenFor } from '../secret-token.ts'
import type { CustomersRoutesDeps } from './routes-deps.ts'
import { sendCustomersError } from './error-status.ts'
import { requireCustomer } from './guard.ts'
import {
  credentialsBody,
  customerSchema,
  errorSchema,
  resetConfirmBody,
  resetRequestBody,
  sessionAnswer,
  signUpBody,
  tokenBody,
} from './schemas.ts'
import { clearSessionCookie, readSessionCookie, sessionOf, setSessionCookie } from './session-cookie.ts'

const tags = ['store: customers']
const small = { bodyLimit: 16_384 }

/** Sign-up, sign-in, sign-out, the current customer, e-mail verification and password reset. */
export const registerAuthRoutes = (root: FastifyInstance, d: CustomersRoutesDeps): void => {
  const app = root.withTypeProvider<ZodTypeProvider>()
  const { customers, cookies } = d

  app.post(
    '/customers',
    {
      ...small,
      schema: {
        tags,
        summary: 'Create an account; signs in (session cookie) and e-mails a verification link',
        body: signUpBody,
        response: { 201: sessionAnswer, 409: errorSchema, 422: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await customers.signUp({
        email: req.body.email,
        password: req.body.password,
        ...(req.body.name && { name: req.body.name }),
      })
      if (!r.ok) return sendCustomersError(reply, r.error)
      setSessionCookie(req, reply, cookies, r.value.token, r.value.expiresAt)
      return reply
        .code(201)
        .header('cache-control', 'private, no-store')
        .send({ customer: r.value.customer, csrf_token: csrfTokenFor(r.value.token) })
    },
  )

  app.post(
    '/auth/login',
    {
      ...small,
      schema: {
        tags,
        summary: 'Sign in (session cookie); throttled per account and per address: 429 with Retry-After',
        body: credentialsBody,
        response: { 200: sessionAnswer, 401: errorSchema, 429: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await customers.signIn({ email: req.body.email, password: req.body.password, ip: req.ip })
      if (!r.ok) return sendCustomersError(reply, r.error)
      const old = readSessionCookie(req)
      if (old) await customers.signOut(old) // a new session id at every sign-in (no fixation)
      setSessionCookie(req, reply, cookies, r.value.token, r.value.expiresAt)
      return reply
        .header('cache-control', 'private, no-store')
        .send({ customer: r.value.customer, csrf_token: csrfTokenFor(r.value.token) })
    },
  )

  app.post(
    '/auth/logout',
    {
      ...small,
      schema: {
        tags,
        summary: 'Sign out: the session ends server-side and the cookie is cleared',
        response: { 204: z.null(), 403: errorSchema },
      },
    },
    async (req, reply) => {
      const token = readSessionCookie(req)
      if (token && (await sessionOf(customers, req))) {
        if (!(await requireCustomer(customers, req, reply))) return reply
        await customers.signOut(token)
      }
      clearSessionCookie(req, reply, cookies)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/customers/me',
    {
      schema: {
        tags,
        summary: 'The signed-in customer and the CSRF token of the session',
        response: { 200: sessionAnswer, 401: errorSchema },
      },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      return { customer: s.customer, csrf_token: s.csrfToken }
    },
  )

  app.post(
    '/customers/me/verification',
    {
      ...small,
      schema: { tags, summary: 'E-mail a new verification link', response: { 202: z.null(), 401: errorSchema, 409: errorSchema } },
    },
    async (req, reply) => {
      const s = await requireCustomer(customers, req, reply)
      if (!s) return reply
      const r = await customers.requestVerification(s.customer.id)
      return r.ok ? reply.code(202).send(null) : sendCustomersError(reply, r.error)
    },
  )

  app.post(
    '/customers/verify-email',
    {
      ...small,
      schema: {
        tags,
        summary: 'Use an e-mailed verification token (once); guest orders with the address join the account',
        body: tokenBody,
        response: { 200: z.object({ customer: customerSchema }), 400: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await customers.verifyEmail(req.body.token)
      return r.ok ? { customer: r.value } : sendCustomersError(reply, r.error)
    },
  )

  app.post(
    '/auth/password-reset',
    {
      ...small,
      schema: {
        tags,
        summary: 'E-mail a password reset link (the same answer whether or not the account exists)',
        body: resetRequestBody,
        response: { 202: z.null(), 422: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await customers.requestPasswordReset({ email: req.body.email, ip: req.ip })
      return r.ok ? reply.code(202).send(null) : sendCustomersError(reply, r.error)
    },
  )

  app.post(
    '/auth/password-reset/confirm',
    {
      ...small,
      schema: {
        tags,
        summary: 'Use a reset token (once, before it expires): new password, every session signed out',
        body: resetConfirmBody,
        response: { 200: z.object({ customer: customerSchema }), 400: errorSchema, 422: errorSchema },
      },
    },
    async (req, reply) => {
      const r = await customers.resetPassword({ token: req.body.token, password: req.body.password })
      return r.ok ? { customer: r.value } : sendCustomersError(reply, r.error)
    },
  )
}
