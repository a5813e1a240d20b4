// The list pages that show one admin collection each: which endpoint, which columns, which row actions.

export type Row = Record<string, unknown>
export type RowAction = { readonly label: string; readonly when: (r: Row) => boolean; readonly method: 'POST' | 'DELETE'; readonly path: (r: Row) => string; readonly danger?: boolean }
export type Section = {
  readonly title: string
  readonly path: (id?: string) => string
  readonly key: string
  readonly columns: readonly { readonly label: string; readonly value: (r: Row) => unknown }[]
  readonly filters?: readonly { readonly name: string; readonly label: string; readonly options?: readonly string[] }[]
  readonly actions?: readonly RowAction[]
  readonly link?: { readonly label: string; readonly href: (r: Row) => string }
  readonly paged: boolean
}

const f = (name: string) => (r: Row) => r[name]
const pct = (r: Row) => (r.kind === 'percentage' ? `${Number(r.value) / 100}%` : r.kind === 'fixed' ? `${Number(r.value) / 100} ${r.currency ?? ''}` : 'free shipping')

export const SECTIONS: Readonly<Record<string, Section>> = {
  promotions: {
    title: 'Promotions',
    path: () => '/promotions',
    key: 'promotions',
    paged: true,
    columns: [
      { label: 'Code', value: (r) => r.code ?? 'automatic' },
      { label: 'Name', value: f('name') },
      { label: 'Discount', value: pct },
      { label: 'Starts', value: f('starts_at') },
      { label: 'Ends', value: f('ends_at') },
      { label: 'Limit', value: f('usage_limit') },
    ],
  },
  'api-keys': {
    title: 'API keys',
    path: () => '/api-keys',
    key: 'api_keys',
    paged: false,
    columns: [
      { label: 'Name', value: f('name') },
      { label: 'Key', value: (r) => `…${r.hint}` },
      { label: 'Scopes', value: (r) => (r.scopes as string[]).join(', ') },
      { label: 'Created', value: f('created_at') },
      { label: 'Last used', value: f('last_used_at') },
      { label: 'Revoked', value: f('revoked_at') },
    ],
    actions: [{ label: 'Revoke', danger: true, method: 'DELETE', when: (r) => !r.revoked_at, path: (r) => `/api-keys/${r.id}` }],
  },
  'audit-log': {
    title: 'Audit log',
    path: () => '/audit-log',
    key: 'entries',
    paged: true,
    filters: [
      { name: 'actor', label: 'Actor' },
      { name: 'action', label: 'Action' },
    ],
    columns: [
      { label: 'When', value: f('at') },
      { label: 'Actor', value: (r) => (r.actor as { label: string | null; kind: string }).label ?? (r.actor as { kind: string }).kind },
      { label: 'Action', value: f('action') },
      { label: 'Status', value: f('status') },
      { label: 'Address', value: f('ip') },
    ],
  },
  'dead-letters': {
    title: 'Dead letters',
    path: () => '/dead-letters',
    key: 'dead_letters',
    paged: true,
    filters: [{ name: 'status', label: 'Status', options: ['open', 'replayed', 'all'] }],
    columns: [
      { label: 'Last failed', value: f('last_failed_at') },
      { label: 'Consumer', value: f('consumer') },
      { label: 'Topic', value: f('topic') },
      { label: 'Attempts', value: f('attempts') },
      { label: 'Error', value: f('error') },
      { label: 'Replayed', value: f('replayed_at') },
    ],
    actions: [{ label: 'Replay', method: 'POST', when: (r) => !r.replayed_at, path: (r) => `/dead-letters/${r.id}/replay` }],
  },
  webhooks: {
    title: 'Webhooks',
    path: () => '/webhooks',
    key: 'webhooks',
    paged: false,
    columns: [
      { label: 'URL', value: f('url') },
      { label: 'Events', value: (r) => (r.event_types as string[]).join(', ') },
      { label: 'Active', value: (r) => (r.active ? 'yes' : 'no') },
      { label: 'Created', value: f('created_at') },
    ],
    link: { label: 'Deliveries', href: (r) => `#/webhooks/${r.id}/deliveries` },
  },
  deliveries: {
    title: 'Webhook deliveries',
    path: (id) => `/webhooks/${encodeURIComponent(id ?? '')}/deliveries`,
    key: 'deliveries',
    paged: false,
    columns: [
      { label: 'Created', value: f('created_at') },
      { label: 'Event', value: f('event_type') },
      { label: 'Status', value: f('status') },
      { label: 'Attempts', value: f('attempts') },
      { label: 'Last error', value: f('last_error') },
      { label: 'Delivered', value: f('delivered_at') },
    ],
    actions: [{ label: 'Replay', method: 'POST', when: () => true, path: (r) => `/webhooks/deliveries/${r.id}/replay` }],
  },
}
