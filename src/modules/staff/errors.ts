export type StaffError =
  | { readonly code: 'STAFF_EMAIL_TAKEN'; readonly message: string }
  | { readonly code: 'STAFF_WEAK_PASSWORD'; readonly message: string }
  | { readonly code: 'STAFF_INVALID_CREDENTIALS'; readonly message: string }

export type StaffErrorCode = StaffError['code']
