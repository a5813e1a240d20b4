import { describe, expect, test } from 'vitest'
import type { Principal } from '../../../platform/auth/bearer-auth.ts'
import { authorize } from './authorize.ts'
import { accessFor } from './admin-route-access.ts'

const staff = (role: string, scope: 'full' | 'mfa_enrolment' = 'full'): Principal => ({
  kind: 'staff',
  id: 'usr_1',
  role,
  email: 'a@b.c',
  scope,
})
const key = (permissions: string[]): Principal => ({ kind: 'api_key', id: 'key_1', name: 'k', permissions })

describe('authorize', () => {
  test('a role holds the permissions of its row in the matrix, no more', () => {
    expect(authorize(staff('fulfilment'), 'inventory:write')).toBeNull()
    expect(authorize(staff('fulfilment'), 'orders:refund')).toMatchObject({
      status: 403,
      code: 'forbidden',
      details: { permission: 'orders:refund' },
    })
    expect(authorize(staff('analyst'), 'orders:read')).toBeNull()
    expect(authorize(staff('analyst'), 'catalog:write')?.code).toBe('forbidden')
    expect(authorize(staff('admin'), 'staff:manage')?.code).toBe('forbidden')
    expect(authorize(staff('owner'), 'staff:manage')).toBeNull()
    expect(authorize(staff('intruder'), 'orders:read')?.code).toBe('forbidden')
  })

  test('an API key holds its scopes and nothing staff-only', () => {
    expect(authorize(key(['orders:read']), 'orders:read')).toBeNull()
    expect(authorize(key(['orders:read']), 'orders:write')?.code).toBe('forbidden')
    expect(authorize(key(['orders:read']), 'staff_self')?.code).toBe('forbidden')
  })

  test('a route missing from the matrix admits only the owner', () => {
    expect(authorize(staff('owner'), undefined)).toBeNull()
    expect(authorize(staff('admin'), undefined)).toMatchObject({ code: 'forbidden', details: { permission: null } })
    expect(authorize(key(['staff:manage']), undefined)?.code).toBe('forbidden')
  })

  test('an enrolment-only token reaches its own MFA set-up and nothing else, even as owner', () => {
    expect(authorize(staff('owner', 'mfa_enrolment'), 'staff_self')).toBeNull()
    expect(authorize(staff('owner', 'mfa_enrolment'), 'orders:read')?.code).toBe('mfa_enrolment_required')
    expect(authorize(staff('owner', 'mfa_enrolment'), undefined)?.code).toBe('mfa_enrolment_required')
  })

  test('routes are looked up by method and pattern; HEAD follows GET; a trailing slash does not matter', () => {
    expect(accessFor('PUT', '/admin/inventory/:variant_id')).toBe('inventory:write')
    expect(accessFor('HEAD', '/admin/orders')).toBe('orders:read')
    expect(accessFor('GET', '/admin/orders/')).toBe('orders:read')
    expect(accessFor('POST', '/admin/orders')).toBeUndefined()
    expect(accessFor('GET', '/admin/constructor')).toBeUndefined()
    expect(accessFor('POST', '/admin/auth/token')).toBe('public')
  })
})
