import { expect, test } from 'vitest'
import { permissionsOf } from './permissions.ts'
import { mayManageRole } from './staff-users.ts'

test('a manager may grant or touch a role only when holding every one of its permissions', () => {
  const owner = permissionsOf('owner')
  const admin = permissionsOf('admin')
  for (const role of ['owner', 'admin', 'fulfilment', 'support', 'analyst'] as const) expect(mayManageRole(owner, role)).toBe(true)
  expect(mayManageRole(admin, 'owner')).toBe(false) // the owner's staff:manage is what the admin lacks
  for (const role of ['admin', 'fulfilment', 'support', 'analyst'] as const) expect(mayManageRole(admin, role)).toBe(true)
  // support cannot grant analyst: the analyst reads reports and promotions, which support does not
  expect(mayManageRole(permissionsOf('support'), 'analyst')).toBe(false)
  expect(mayManageRole([], 'support')).toBe(false)
})
