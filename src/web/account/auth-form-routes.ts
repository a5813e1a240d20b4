import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { type CustomersError, clearSessionCookie, readSessionCookie, setSessionCookie } from '../../modules/customers/index.ts'
import { echo, readForm } from '../storefront/forms/read-form.ts'
import { forgotPasswordPage, resetPasswordPage, signInPage, signUpPage, verifyEmailPage } from './auth-pages.ts'
import { forgotPasswordForm, resetPasswordForm, signInForm, signUpForm, verifyEmailForm } from './forms.ts'
import { type Ctx, field, formSession, refuseForeign, see } from './page-context.ts'

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/

/** The text a shopper sees for an account error, and the form field it concerns. */
const shown = (e: CustomersError): { field: string; text: string; status: number } => {
  switch (e.code) {
    case 'CUSTOMERS_TOO_MANY_ATTEMPTS':
      return {
        field: 'general',
        text: `Too many failed sign-ins. Try again in ${e.retryAfterSeconds} seconds, or reset your password.`,
        status: 429,
      }
    case 'CUSTOMERS_WEAK_PASSWORD':
      return { field: 'password', text: e.message, status: 422 }
    case 'CUSTOMERS_INVALID_INPUT':
      return { field: e.field, text: e.message, status: 422 }
    case 'CUSTOMERS_EMAIL_TAKEN':
      return { field: 'email', text: e.message, status: 409 }
    case 'CUSTOMERS_INVALID_CREDENTIALS':
      return { field: 'general', text: e.message, status: 401 }
    default:
      return { field: 'general', text: e.message, status: 400 }
  }
}

/** The token of a link's page (query), or as posted back (body) to show the form again. */
const tokenOf = (req: FastifyRequest, from: 'query' | 'body') => {
  const v = from === 'query' ? field(req.query, 'token', 100) : field(req.body, 'token', 100)
  return TOKEN.test(v) ? v : ''
}

/** A bad token is no field of the page (it travels hidden): its message goes above the form. */
const tokenErrors = (errors: Readonly<Record<string, string>>) => {
  const { token, ...rest } = errors
  return token ? { ...rest, general: token } : rest
}

/** Sign-in, sign-up, sign-out, forgotten password, reset and e-mail verification as plain forms (POST then 303). */
export const registerAuthFormRoutes = (app: FastifyInstance, c: Ctx): void => {
  const show = (req: FastifyRequest, reply: FastifyReply, status: number, render: Parameters<typeof c.kit.sendPrivate>[3]) =>
    c.kit.sendPrivate(req, reply, status, render)

  app.get('/account/sign-in', (req, reply) =>
    show(req, reply, 200, (s) =>
      signInPage(s, { ...(field(req.query, 'reset') === '1' && { notice: 'Your new password is saved; sign in with it.' }) }),
    ),
  )
  app.post('/account/sign-in', async (req, reply) => {
    if (await refuseForeign(c, req, reply)) return reply
    const form = readForm(signInForm, req.body)
    if (!form.ok) return show(req, reply, 422, (s) => signInPage(s, { email: echo(req.body, 'email', 254), errors: form.errors }))
    const { email, password } = form.value
    const r = await c.customers.signIn({ email, password, ip: req.ip })
    if (!r.ok) {
      const e = shown(r.error)
      if (r.error.code === 'CUSTOMERS_TOO_MANY_ATTEMPTS') reply.header('retry-after', String(r.error.retryAfterSeconds))
      return show(req, reply, e.status, (s) => signInPage(s, { email, errors: { general: e.text } }))
    }
    const old = readSessionCookie(req)
    if (old) await c.customers.signOut(old)
    setSessionCookie(req, reply, c.cookies, r.value.token, r.value.expiresAt)
    return see(reply, '/account')
  })

  app.get('/account/sign-up', (req, reply) => show(req, reply, 200, (s) => signUpPage(s, {})))
  app.post('/account/sign-up', async (req, reply) => {
    if (await refuseForeign(c, req, reply)) return reply
    const form = readForm(signUpForm, req.body)
    if (!form.ok) {
      const again = { email: echo(req.body, 'email', 254), name: echo(req.body, 'name', 200), errors: form.errors }
      return show(req, reply, 422, (s) => signUpPage(s, again))
    }
    const { email, name, password } = form.value
    const r = await c.customers.signUp({ email, name, password })
    if (!r.ok) {
      const e = shown(r.error)
      return show(req, reply, e.status, (s) => signUpPage(s, { email, name, errors: { [e.field]: e.text } }))
    }
    setSessionCookie(req, reply, c.cookies, r.value.token, r.value.expiresAt)
    return see(reply, '/account?welcome=1')
  })

  app.post('/account/sign-out', async (req, reply) => {
    const s = await formSession(c, req, reply)
    if (!s) return reply
    const token = readSessionCookie(req)
    if (token) await c.customers.signOut(token)
    clearSessionCookie(req, reply, c.cookies)
    return see(reply, '/')
  })

  app.get('/account/forgot-password', (req, reply) => show(req, reply, 200, (s) => forgotPasswordPage(s, {})))
  app.post('/account/forgot-password', async (req, reply) => {
    if (await refuseForeign(c, req, reply)) return reply
    const form = readForm(forgotPasswordForm, req.body)
    if (!form.ok) return show(req, reply, 422, (s) => forgotPasswordPage(s, { email: echo(req.body, 'email', 254), errors: form.errors }))
    const { email } = form.value
    const r = await c.customers.requestPasswordReset({ email, ip: req.ip })
    if (!r.ok) return show(req, reply, 422, (s) => forgotPasswordPage(s, { email, errors: { email: shown(r.error).text } }))
    return show(req, reply, 200, (s) =>
      forgotPasswordPage(s, { notice: 'If an account uses that address, a link to reset its password is on its way.' }),
    )
  })

  app.get('/account/reset-password', (req, reply) => show(req, reply, 200, (s) => resetPasswordPage(s, { token: tokenOf(req, 'query') })))
  app.post('/account/reset-password', async (req, reply) => {
    if (await refuseForeign(c, req, reply)) return reply
    const form = readForm(resetPasswordForm, req.body)
    if (!form.ok) {
      const status = form.errors.token ? 400 : 422
      return show(req, reply, status, (s) => resetPasswordPage(s, { token: tokenOf(req, 'body'), errors: tokenErrors(form.errors) }))
    }
    const { token, password } = form.value
    const r = await c.customers.resetPassword({ token, password })
    if (!r.ok) {
      const e = shown(r.error)
      return show(req, reply, e.status, (s) => resetPasswordPage(s, { token, errors: { [e.field]: e.text } }))
    }
    clearSessionCookie(req, reply, c.cookies)
    return see(reply, '/account/sign-in?reset=1')
  })

  app.get('/account/verify-email', (req, reply) => show(req, reply, 200, (s) => verifyEmailPage(s, { token: tokenOf(req, 'query') })))
  app.post('/account/verify-email', async (req, reply) => {
    if (await refuseForeign(c, req, reply)) return reply
    const form = readForm(verifyEmailForm, req.body)
    if (!form.ok) return show(req, reply, 400, (s) => verifyEmailPage(s, { token: tokenOf(req, 'body'), errors: tokenErrors(form.errors) }))
    const { token } = form.value
    const r = await c.customers.verifyEmail(token)
    if (!r.ok) return show(req, reply, 400, (s) => verifyEmailPage(s, { token, errors: { general: shown(r.error).text } }))
    return see(reply, '/account?verified=1')
  })
}
