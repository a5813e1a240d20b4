export const STAFF_ROLES = ['owner', 'admin', 'fulfilment', 'support', 'analyst'] as const
export type StaffRole = (typeof STAFF_ROLES)[number]
