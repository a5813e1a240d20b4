import { userInfo } from 'node:os'
import { parseArgs } from 'node:util'
import { createModules } from '../app.ts'
import { closeEngines, openEngines, readConfig } from './boot.ts'

/**
 * `crest user reset-mfa --email E`: for a staff user who lost both authenticator and recovery
 * codes. Removes them and ends the user's sessions; the next sign-in starts enrolment again.
 * Recorded in the audit log as an operator action (docs/staff-security.md).
 */
export const userResetMfaCommand = async (args: string[], fail: (message: string) => never): Promise<void> => {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } })
  if (!values.email) fail('Usage: crest user reset-mfa --email E')
  const config = readConfig()
  const engines = await openEngines(config, 'cli')
  try {
    const r = await createModules(config, engines).staff.mfa.reset({ email: values.email as string, by: `cli:${userInfo().username}` })
    if (!r.ok) fail(r.error.message)
    else console.log(`Removed the authenticator and recovery codes of ${values.email} and ended their sessions (${r.value.userId}).`)
  } finally {
    await closeEngines(engines)
  }
}
