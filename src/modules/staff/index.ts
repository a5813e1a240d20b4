export { STAFF_ROLES, type StaffApi, type StaffRole, type StaffUser } from './contract.ts'
export type { StaffError, StaffErrorCode } from './errors.ts'
export { createStaff, type StaffDeps } from './create-staff.ts'
export { staffAuthRoutes } from './http/auth-routes.ts'
