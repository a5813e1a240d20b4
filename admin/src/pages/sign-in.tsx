import { useState } from 'preact/hooks'
import { ApiFailure, api, messageOf, setToken } from '../api.ts'

type TokenReply = { token: string; mfa?: string }
type Enrolment = { secret: string; otpauth_url: string; qr_data_url: string }

/** Password, then the TOTP step when the API asks for it (401 mfa_required), or MFA enrolment when it must be set up. */
export const SignIn = ({ onSignedIn }: { onSignedIn: () => void }) => {
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [otp, setOtp] = useState('')
  const [needOtp, setNeedOtp] = useState(false)
  const [enrol, setEnrol] = useState<Enrolment | null>(null)
  const [recovery, setRecovery] = useState<readonly string[] | null>(null)
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const r = await api<TokenReply>('POST', '/auth/token', { email, password, ...(needOtp && otp && { otp }) })
      setToken(r.token)
      if (r.mfa === 'enrolment_required') setEnrol(await api<Enrolment>('POST', '/auth/mfa/enrol', {}))
      else onSignedIn()
    } catch (err) {
      if (err instanceof ApiFailure && err.error.code === 'mfa_required') {
        setNeedOtp(true)
        setError(null)
      } else setError(err instanceof ApiFailure && err.error.code === 'invalid_otp' ? 'That code is not valid. Try the current one.' : messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const activate = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const r = await api<{ recovery_codes: string[] }>('POST', '/auth/mfa/activate', { code })
      setRecovery(r.recovery_codes)
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  if (recovery)
    return (
      <div class="signin card">
        <h1>Recovery codes</h1>
        <p>Keep these somewhere safe: each signs you in once if you lose your authenticator. They are shown only now.</p>
        <ul class="codes">
          {recovery.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        <button type="button" onClick={onSignedIn}>
          Continue
        </button>
      </div>
    )

  if (enrol)
    return (
      <form class="signin card" onSubmit={activate}>
        <h1>Set up your authenticator</h1>
        <p>Your role signs in with a second factor. Scan this code with an authenticator app, or enter the secret by hand.</p>
        <img src={enrol.qr_data_url} alt="Authenticator QR code" width={180} height={180} />
        <p>
          Secret: <code data-testid="mfa-secret">{enrol.secret}</code>
        </p>
        <label>
          Code from the app
          <input name="code" inputMode="numeric" autoComplete="one-time-code" value={code} onInput={(e) => setCode(e.currentTarget.value)} required />
        </label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>
          Activate
        </button>
      </form>
    )

  return (
    <form class="signin card" onSubmit={submit}>
      <h1>Sign in to Crest admin</h1>
      <label>
        E-mail
        <input name="email" type="email" autoComplete="username" value={email} onInput={(e) => setEmail(e.currentTarget.value)} required />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
          required
        />
      </label>
      {needOtp && (
        <label>
          Authentication code (or a recovery code)
          <input name="otp" autoComplete="one-time-code" value={otp} onInput={(e) => setOtp(e.currentTarget.value)} required autoFocus />
        </label>
      )}
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {needOtp ? 'Verify' : 'Sign in'}
      </button>
    </form>
  )
}
