import { useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import { when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import { StaffMatrix } from './staff-matrix.tsx'
import { type Matrix, type Me, ROLES, type Role, type StaffUser } from './staff-types.ts'

type Notice = { kind: 'ok' | 'error'; text: string } | null

/** A role may be granted (or its holders changed) only by someone holding all its permissions, as the server checks. */
const grantable = (me: Me | null, matrix: Matrix | null, role: Role) =>
  !!me && !!matrix && (matrix.roles[role] ?? []).every((p) => me.permissions.includes(p))

/** least privilege first, so the form's default is the smallest role */
const BY_PRIVILEGE: readonly Role[] = ['support', 'fulfilment', 'analyst', 'admin', 'owner']

const NewUser = ({ roles, onCreated }: { roles: readonly Role[]; onCreated: (text: string) => void }) => {
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const f = new FormData(form)
    setError(null)
    try {
      const body = { email: String(f.get('email')), name: String(f.get('name') ?? ''), role: String(f.get('role')), password: String(f.get('password')) }
      const r = await api<{ user: StaffUser }>('POST', '/staff/users', body)
      form.reset()
      onCreated(`${r.user.email} can now sign in as ${r.user.role}.`)
    } catch (x) {
      setError(messageOf(x))
    }
  }
  return (
    <form class="filters card" onSubmit={submit} data-testid="new-staff-user">
      <label>
        E-mail
        <input name="email" type="email" required />
      </label>
      <label>
        Name
        <input name="name" />
      </label>
      <label>
        Role
        <select name="role">
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label>
        First password
        <input name="password" type="password" minLength={10} required autoComplete="new-password" />
      </label>
      <button type="submit">Add staff user</button>
      {error && <p class="error">{error}</p>}
    </form>
  )
}

/** Staff users (role, MFA, active), adding one, changing a role, (de)activating, and the permission matrix. */
export const Staff = () => {
  const users = useLoad(() => api<{ users: StaffUser[] }>('GET', '/staff/users').then((r) => r.users), [])
  const me = useLoad(() => api<Me>('GET', '/auth/me'), [])
  const matrix = useLoad(() => api<Matrix>('GET', '/permissions'), [])
  const [notice, setNotice] = useState<Notice>(null)
  const [roleOf, setRoleOf] = useState<Record<string, Role>>({})
  const can = (role: Role) => grantable(me.data, matrix.data, role)

  const act = async (label: string, method: 'POST' | 'PATCH', path: string, body: unknown) => {
    setNotice(null)
    try {
      await api(method, path, body)
      setNotice({ kind: 'ok', text: `${label}: done.` })
    } catch (e) {
      setNotice({ kind: 'error', text: `${label} failed: ${messageOf(e)}` })
    }
    users.reload()
  }

  return (
    <section>
      <h1>Staff</h1>
      {notice && <p class={notice.kind}>{notice.text}</p>}
      {users.error && <p class="error">{users.error}</p>}
      <div class="table-wrap">
        <table data-testid="staff-users">
          <thead>
            <tr>
              <th>E-mail</th>
              <th>Name</th>
              <th>Role</th>
              <th>MFA</th>
              <th>Status</th>
              <th>Added</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {users.data?.map((u) => {
              const mine = can(u.role) && u.id !== me.data?.id
              const chosen = roleOf[u.id] ?? u.role
              return (
                <tr key={u.id} class={u.active ? '' : 'inactive'}>
                  <td>{u.email}</td>
                  <td>{u.name || '—'}</td>
                  <td>
                    {mine ? (
                      <select aria-label={`Role of ${u.email}`} value={chosen} onChange={(e) => setRoleOf({ ...roleOf, [u.id]: e.currentTarget.value as Role })}>
                        {ROLES.filter(can).map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    ) : (
                      u.role
                    )}
                  </td>
                  <td>{u.mfa_active ? 'on' : 'off'}</td>
                  <td>{u.active ? 'active' : 'deactivated'}</td>
                  <td>{when(u.created_at)}</td>
                  <td>
<div class="row-actions">
                    {mine && chosen !== u.role && (
                      <button type="button" onClick={() => act(`Role of ${u.email}`, 'PATCH', `/staff/users/${u.id}`, { role: chosen })}>
                        Save role
                      </button>
                    )}
                    {mine &&
                      (u.active ? (
                        <button type="button" class="danger" onClick={() => act(`Deactivate ${u.email}`, 'POST', `/staff/users/${u.id}/deactivate`, {})}>
                          Deactivate
                        </button>
                      ) : (
                        <button type="button" onClick={() => act(`Reactivate ${u.email}`, 'POST', `/staff/users/${u.id}/reactivate`, {})}>
                          Reactivate
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {me.data?.permissions.includes('staff:write') && (
        <>
          <h2>Add a staff user</h2>
          <p class="hint">Owners and admins enrol an authenticator at their first sign-in when multi-factor sign-in is required.</p>
          <NewUser
            roles={BY_PRIVILEGE.filter(can)}
            onCreated={(text) => {
              setNotice({ kind: 'ok', text })
              users.reload()
            }}
          />
        </>
      )}
      <h2>Roles and permissions</h2>
      {matrix.error && <p class="error">{matrix.error}</p>}
      {matrix.data && <StaffMatrix matrix={matrix.data} />}
    </section>
  )
}
