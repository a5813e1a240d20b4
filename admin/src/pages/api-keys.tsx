import { useState } from 'preact/hooks'
import { api, messageOf } from '../api.ts'
import { when } from '../format.ts'
import { useLoad } from '../hooks.ts'
import type { Me } from './staff-types.ts'

type ApiKey = {
  id: string
  name: string
  hint: string
  scopes: string[]
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

/** The new key, shown once: the server keeps only its hash. Dismissing it forgets it here too. */
const Secret = ({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) => (
  <div class="card secret" role="alert" data-testid="api-key-secret">
    <strong>API key “{name}”</strong>
    <p>Copy it now: it is shown this once and cannot be read again.</p>
    <input readOnly value={secret} aria-label="New API key" onFocus={(e) => e.currentTarget.select()} />
    <div class="actions">
      <button type="button" onClick={() => navigator.clipboard?.writeText(secret).catch(() => {})}>
        Copy
      </button>
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </div>
  </div>
)

/** Integration API keys: list, create with scopes (never more than one holds), see the key once, revoke. */
export const ApiKeys = () => {
  const keys = useLoad(() => api<{ api_keys: ApiKey[] }>('GET', '/api-keys').then((r) => r.api_keys), [])
  const me = useLoad(() => api<Me>('GET', '/auth/me'), [])
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null)
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)

  const create = async (e: Event) => {
    e.preventDefault()
    const form = e.currentTarget as HTMLFormElement
    const f = new FormData(form)
    setNotice(null)
    try {
      const r = await api<ApiKey & { key: string }>('POST', '/api-keys', { name: String(f.get('name') ?? '').trim(), scopes: f.getAll('scope').map(String) })
      form.reset()
      setCreated({ name: r.name, key: r.key })
      keys.reload()
    } catch (x) {
      setNotice({ kind: 'error', text: `Create failed: ${messageOf(x)}` })
    }
  }
  const revoke = async (k: ApiKey) => {
    setNotice(null)
    try {
      await api('DELETE', `/api-keys/${encodeURIComponent(k.id)}`)
      setNotice({ kind: 'ok', text: `Revoked “${k.name}”: it no longer signs in.` })
    } catch (x) {
      setNotice({ kind: 'error', text: `Revoke failed: ${messageOf(x)}` })
    }
    keys.reload()
  }

  return (
    <section>
      <h1>API keys</h1>
      {created && <Secret name={created.name} secret={created.key} onDone={() => setCreated(null)} />}
      {notice && <p class={notice.kind}>{notice.text}</p>}
      {keys.error && <p class="error">{keys.error}</p>}
      <div class="table-wrap">
        <table data-testid="records-api-keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Revoked</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.data?.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td>
                  <code>{k.hint}…</code>
                </td>
                <td>{k.scopes.join(', ')}</td>
                <td>{when(k.created_at)}</td>
                <td>{when(k.last_used_at)}</td>
                <td>{when(k.revoked_at)}</td>
                <td>
                  <div class="row-actions">
                    {!k.revoked_at && (
                      <button type="button" class="danger" onClick={() => revoke(k)}>
                        Revoke
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
            {keys.data && keys.data.length === 0 && (
              <tr>
                <td colSpan={7}>No API keys yet.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <h2>Create an API key</h2>
      <form class="card key-form" onSubmit={create} data-testid="new-api-key">
        <label>
          Name
          <input name="name" required maxLength={100} placeholder="ERP stock sync" />
        </label>
        <fieldset class="scopes">
          <legend>Scopes (what the key may do; at most what you hold)</legend>
          {me.data?.permissions.map((p) => (
            <label key={p} class="check">
              <input type="checkbox" name="scope" value={p} />
              <code>{p}</code>
            </label>
          ))}
        </fieldset>
        <button type="submit">Create key</button>
      </form>
    </section>
  )
}
