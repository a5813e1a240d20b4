import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Principal } from '../../../platform/auth/bearer-auth.ts'
import { errorBody } from '../../../platform/http/error-body.ts'
import type { StaffApi } from '../contract.ts'
import { STAFF_ROLES } from '../roles.ts'
import { permissionsHeld } from '../security/authorize.ts'
import { mayManageRole, roleNotHeld } from '../security/staff-users.ts'
import { sendStaffError } from './error-status.ts'

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  mfa_active: z.boolean(),
  created_at: z.string(),
})
const params = z.object({ id: z.string().min(1).max(100) })
const changed = { 200: z.object({ user: userSchema }), 403: errorSchema, 404: errorSchema, 409: errorSchema }
const tags = ['admin: staff users']

/**
 * Staff users are managed by people, not integrations: an API key is refused even with the
 * scope (403 `forbidden`). Answers the manager's permissions, or null when refused.
 */
const managerOf = (req: FastifyRequest, reply: FastifyReply): readonly string[] | null => {
  const p = req.principal as Principal
  if (p.kind === 'staff') return permissionsHeld(p)
  void reply.code(403).send(errorBody('forbidden', 'Staff users are managed with a staff session, not an API key.'))
  return null
}

/** Staff users: list, create, change role or name, deactivate, reactivate (docs/staff-security.md). */
export const staffUserRoutes =
  (d: { readonly staff: StaffApi }): FastifyPluginAsync =>
  async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>()

    app.get(
      '/staff/users',
      {
        schema: {
          tags,
          summary: 'Staff users with role, MFA status and whether they may sign in',
          response: { 200: z.object({ users: z.array(userSchema) }) },
        },
      },
      async () => ({ users: [...(await d.staff.users.list())] }),
    )

    app.post(
      '/staff/users',
      {
        schema: {
          tags,
          summary: 'Create a staff user with a first password (they enrol MFA at first sign-in when the role needs it)',
          body: z.object({
            email: z.email().max(254),
            name: z.string().trim().max(100).optional(),
            role: z.enum(STAFF_ROLES),
            password: z.string().min(1).max(256),
          }),
          response: { 201: z.object({ user: userSchema }), 403: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (req, reply) => {
        const held = managerOf(req, reply)
        if (!held) return reply
        const b = req.body
        if (!mayManageRole(held, b.role)) return sendStaffError(reply, roleNotHeld(b.role))
        const r = await d.staff.createUser({ email: b.email, password: b.password, role: b.role, ...(b.name && { name: b.name }) })
        if (!r.ok) return sendStaffError(reply, r.error)
        const user = await d.staff.users.get(r.value.id)
        return reply.code(201).send({ user: user ?? { ...r.value, active: true, mfa_active: false, created_at: new Date().toISOString() } })
      },
    )

    app.patch(
      '/staff/users/:id',
      {
        schema: {
          tags,
          summary: 'Change a staff user’s role or name (the last active owner keeps the owner role: 409 last_owner)',
          params,
          body: z
            .object({ role: z.enum(STAFF_ROLES).optional(), name: z.string().trim().max(100).optional() })
            .refine((b) => b.role !== undefined || b.name !== undefined, { message: 'send role or name' }),
          response: changed,
        },
      },
      async (req, reply) => {
        const held = managerOf(req, reply)
        if (!held) return reply
        const r = await d.staff.users.update({ id: req.params.id, managerPermissions: held, ...req.body })
        if (!r.ok) return sendStaffError(reply, r.error)
        req.auditBefore = r.value.before
        return { user: r.value.after }
      },
    )

    for (const action of ['deactivate', 'reactivate'] as const) {
      app.post(
        `/staff/users/:id/${action}`,
        {
          schema: {
            tags,
            summary:
              action === 'deactivate'
                ? 'Deactivate: signed out everywhere, sign-in refused; never the last active owner (409 last_owner)'
                : 'Reactivate: the user’s password works again',
            params,
            response: changed,
          },
        },
        async (req, reply) => {
          const held = managerOf(req, reply)
          if (!held) return reply
          const r = await d.staff.users[action]({ id: req.params.id, managerPermissions: held })
          if (!r.ok) return sendStaffError(reply, r.error)
          req.auditBefore = r.value.before
          return { user: r.value.after }
        },
      )
    }
  }
