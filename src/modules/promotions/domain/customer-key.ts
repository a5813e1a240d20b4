/** Per-customer limits count by e-mail address, compared case-insensitively and without spaces around it. */
export const customerKeyOf = (email: string): string => email.trim().toLowerCase()
