// Shapes of the staff API (docs/staff-security.md).

export const ROLES = ['owner', 'admin', 'fulfilment', 'support', 'analyst'] as const
export type Role = (typeof ROLES)[number]
export type StaffUser = { id: string; email: string; name: string; role: Role; active: boolean; mfa_active: boolean; created_at: string }
export type Matrix = { permissions: string[]; roles: Record<Role, string[]> }
export type Me = { kind: 'staff' | 'api_key'; id: string; email?: string; role?: Role; permissions: string[] }
