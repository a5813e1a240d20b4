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

export const SECTIONS: Readonly<Record<string, Section>> = {
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
