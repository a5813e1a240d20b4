import type { StaffRole } from '../roles.ts'

/** Every permission an admin endpoint can demand. Staff get them by role; API keys by scope. */
export const PERMISSIONS = [
  'catalog:read',
  'catalog:write',
  'inventory:read',
  'inventory:write',
  'orders:read',
  'orders:write',
  'orders:refund',
  'payments:read',
  'returns:read',
  'returns:manage',
  'fulfilment:read',
  'fulfilment:write',
  'promotions:read',
  'promotions:write',
  'flash_sales:manage',
  'customers:read',
  'customers:write',
  'integrations:manage',
  'pipeline:read',
  'pipeline:replay',
  'settings:read',
  'settings:manage',
  'reports:read',
  'audit:read',
  'staff:read',
  'staff:write',
  'staff:manage',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** the analyst reads everything but the audit log and the staff list */
const READS = PERMISSIONS.filter((p) => p.endsWith(':read') && p !== 'audit:read' && p !== 'staff:read')

/** The role × permission matrix (docs/staff-security.md). The owner holds every permission. */
export const ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((p) => p !== 'staff:manage'),
  fulfilment: [
    'catalog:read',
    'inventory:read',
    'inventory:write',
    'orders:read',
    'orders:write',
    'returns:read',
    'returns:manage',
    'fulfilment:read',
    'fulfilment:write',
  ],
  support: [
    'catalog:read',
    'inventory:read',
    'orders:read',
    'payments:read',
    'returns:read',
    'returns:manage',
    'fulfilment:read',
    'customers:read',
    'customers:write',
  ],
  analyst: READS,
}

export const isPermission = (s: string): s is Permission => (PERMISSIONS as readonly string[]).includes(s)

export const permissionsOf = (role: string): readonly Permission[] =>
  Object.hasOwn(ROLE_PERMISSIONS, role) ? ROLE_PERMISSIONS[role as StaffRole] : []

/** Roles that must sign in with a second factor. */
export const MFA_REQUIRED_ROLES: readonly StaffRole[] = ['owner', 'admin']
