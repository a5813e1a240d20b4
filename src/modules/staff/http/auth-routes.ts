import type { FastifyPluginAsync } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { bearerTokenOf } from '../../../platform/auth/bearer-auth.ts'
import type { StaffApi } from '../contract.ts'
import { sendStaffError } from './error-status.ts'

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })

export const staffAuthRoutes =
  (d: { readonly staff: StaffApi }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.post(
      '/auth/token',
      {
        schema: {
          tags: ['admin: auth'],
          summary: 'Sign in as staff; returns a bearer token',
          description:
            'Owners and admins sign in with `otp` (a TOTP code or a recovery code) once they have enrolled an authenticator. ' +
            'Without one yet, they get a token that may only enrol (`mfa: "enrolment_required"`). 401 codes: ' +
            '`invalid_credentials`, `mfa_required`, `invalid_otp`; 429 `too_many_attempts` after five wrong codes in a row (15 minutes).',
          body: z.object({ email: z.string().trim().max(254), password: z.string().max(1000), otp: z.string().max(40).optional() }),
          response: {
            200: z.object({ token: z.string(), expires_at: z.string(), mfa: z.enum(['verified', 'not_enrolled', 'enrolment_required']) }),
            401: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const r = await d.staff.issueToken({
          email: req.body.email,
          password: req.body.password,
          ...(req.body.otp !== undefined && { otp: req.body.otp }),
        })
        if (!r.ok) return sendStaffError(reply, r.error)
        return r.value
      },
    )

    app.delete(
      '/auth/token',
      {
        schema: { tags: ['admin: auth'], summary: 'Sign out: revoke the bearer token' },
      },
      async (req, reply) => {
        const token = bearerTokenOf(req)
        if (token) await d.staff.revokeToken(token)
        return reply.code(204).send()
      },
    )
  }
