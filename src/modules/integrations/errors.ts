/** The integrations module's error catalogue (STYLE.md §6). */
export type IntegrationsError =
  | { readonly code: 'INTEGRATIONS_INVALID_URL'; readonly message: string }
  | { readonly code: 'INTEGRATIONS_UNKNOWN_EVENT_TYPE'; readonly message: string; readonly eventTypes: readonly string[] }
  | { readonly code: 'INTEGRATIONS_WEBHOOK_NOT_FOUND'; readonly message: string }
  | { readonly code: 'INTEGRATIONS_DELIVERY_NOT_FOUND'; readonly message: string }
  | { readonly code: 'INTEGRATIONS_DELIVERY_IN_PROGRESS'; readonly message: string }

export type IntegrationsErrorCode = IntegrationsError['code']
