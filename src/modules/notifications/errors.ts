/** The complete catalogue of notifications error codes (returned, never thrown). */
export type NotificationsError =
  | { readonly code: 'NOTIFICATIONS_INVALID_INPUT'; readonly message: string; readonly field: string }
  | { readonly code: 'NOTIFICATIONS_NOT_FOUND'; readonly message: string }

export type NotificationsErrorCode = NotificationsError['code']

export type InvalidInputError = Extract<NotificationsError, { code: 'NOTIFICATIONS_INVALID_INPUT' }>
export type NotFoundError = Extract<NotificationsError, { code: 'NOTIFICATIONS_NOT_FOUND' }>

/**
 * Unexpected failures, thrown as AppError:
 * - NOTIFICATIONS_SEND_FAILED: a transport could not hand a message over (`details.permanent`
 *   says whether sending it again can help). `sendDue` catches it and schedules a retry.
 * - NOTIFICATIONS_INVALID_CONFIG: a mail setting is invalid (at boot).
 * - NOTIFICATIONS_WRITE_FAILED: the database answered something impossible (a taken key with no row).
 */
export type NotificationsFailureCode = 'NOTIFICATIONS_SEND_FAILED' | 'NOTIFICATIONS_INVALID_CONFIG' | 'NOTIFICATIONS_WRITE_FAILED'
