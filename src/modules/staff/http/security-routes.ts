import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Principal } from '../../../platform/auth/bearer-auth.ts'
import { bearerTokenOf } from '../../../platform/auth/bearer-auth.ts'
import { AppError } from '../../../platform/app-error.ts'
import type { StaffApi } from '../contract.ts'
import { permissionsHeld } from '../security/authorize.ts'
import { PERMISSIONS, ROLE_PERMISSIONS } from '../security/permissions.ts'
import { sendStaffError } from './error-status.ts'

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
const codeBody = z.object({ code: z.string().trim().min(1).max(40) })
const recoveryCodes = z.object({ recovery_codes: z.array(z.string()) })
const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  scopes: z.array(z.string()).readonly(),
  created_by: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
})
const tags = ['admin: staff security']

/** The staff principal the admin guard admitted (these routes are `staff_self` or need a permission). */
const staffOf = (req: FastifyRequest): Extract<Principal, { kind: 'staff' }> => {
  const p = req.principal
  if (p?.kind !== 'staff') throw new AppError('STAFF_GUARD_MISSING', 'a staff route ran without a staff principal')
  return p
}

/** MFA enrolment, API keys, the permission matrix and the audit log (docs/staff-security.md). */
export const staffSecurityRoutes =
  (d: { readonly staff: StaffApi }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()
    app.get('/auth/me', { schema: { tags, summary: 'Who the bearer token belongs to, and what it may do' } }, async (req) => {
      const p = req.principal as Principal
      return p.kind === 'staff'
        ? {
            kind: p.kind,
            id: p.id,
            email: p.email,
            role: p.role,
            scope: p.scope ?? 'full',
            permissions: p.scope === 'mfa_enrolment' ? [] : permissionsHeld(p),
          }
        : { kind: p.kind, id: p.id, name: p.name, permissions: p.permissions }
    })

    app.get('/permissions', { schema: { tags, summary: 'The role × permission matrix' } }, async () => ({
      permissions: PERMISSIONS,
      roles: ROLE_PERMISSIONS,
    }))

    app.get('/auth/mfa', { schema: { tags, summary: 'Whether multi-factor sign-in is active for me' } }, async (req) =>
      d.staff.mfa.status(staffOf(req).id),
    )

    app.post(
      '/auth/mfa/enrol',
      {
        schema: {
          tags,
          summary: 'Start TOTP enrolment: a new secret and its QR code, shown once',
          response: {
            200: z.object({ secret: z.string(), otpauth_url: z.string(), qr_svg: z.string(), qr_data_url: z.string() }),
            409: errorSchema,
          },
        },
      },
      async (req, reply) => {
        const r = await d.staff.mfa.enrol(staffOf(req))
        return r.ok ? r.value : sendStaffError(reply, r.error)
      },
    )

    app.post(
      '/auth/mfa/activate',
      {
        schema: {
          tags,
          summary: 'Activate TOTP with a code from the app; returns 10 recovery codes, shown once',
          body: codeBody,
          response: { 200: recoveryCodes, 401: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.staff.mfa.activate({ userId: staffOf(req).id, code: req.body.code, token: bearerTokenOf(req) ?? '' })
        return r.ok ? r.value : sendStaffError(reply, r.error)
      },
    )

    app.post(
      '/auth/mfa/recovery-codes',
      {
        schema: {
          tags,
          summary: 'Replace the recovery codes (needs a TOTP code)',
          body: codeBody,
          response: { 200: recoveryCodes, 401: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.staff.mfa.regenerateRecoveryCodes({ userId: staffOf(req).id, code: req.body.code })
        return r.ok ? r.value : sendStaffError(reply, r.error)
      },
    )

    app.get(
      '/api-keys',
      {
        schema: { tags, summary: 'API keys (never the keys themselves)', response: { 200: z.object({ api_keys: z.array(apiKeySchema) }) } },
      },
      async () => ({
        api_keys: await d.staff.apiKeys.list(),
      }),
    )

    app.post(
      '/api-keys',
      {
        schema: {
          tags,
          summary: 'Create a scoped API key; the key is shown once',
          body: z.object({ name: z.string().trim().min(1).max(100), scopes: z.array(z.string().max(64)).min(1).max(64) }),
          response: { 201: apiKeySchema.extend({ key: z.string() }), 403: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        const me = staffOf(req)
        const r = await d.staff.apiKeys.create({
          name: req.body.name,
          scopes: req.body.scopes,
          createdBy: me.id,
          grantable: permissionsHeld(me),
        })
        return r.ok ? reply.code(201).send(r.value) : sendStaffError(reply, r.error)
      },
    )

    app.delete(
      '/api-keys/:id',
      {
        schema: {
          tags,
          summary: 'Revoke an API key (it stays listed, revoked)',
          params: z.object({ id: z.string().max(100) }),
          response: { 200: apiKeySchema, 404: errorSchema },
        },
      },
      async (req, reply) => {
        const r = await d.staff.apiKeys.revoke(req.params.id)
        return r.ok ? r.value : sendStaffError(reply, r.error)
      },
    )

    app.get(
      '/audit-log',
      {
        schema: {
          tags,
          summary: 'Search the append-only audit log of staff and API-key actions, newest first',
          querystring: z.object({
            actor: z.string().max(254).optional(),
            action: z.string().max(300).optional(),
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(20),
            cursor: z.string().max(100).optional(),
          }),
        },
      },
      async (req) => {
        const q = req.query
        return d.staff.auditLog.search({
          limit: q.limit,
          ...(q.actor && { actor: q.actor }),
          ...(q.action && { action: q.action }),
          ...(q.from && { from: new Date(q.from) }),
          ...(q.to && { to: new Date(q.to) }),
          ...(q.cursor && { cursor: q.cursor }),
        })
      },
    )
  }
