import type { Return } from './contract.ts'

/** Topics this module appends to the outbox; docs/returns.md maps them to return.requested, return.approved, … */
export const RETURNS_TOPICS = {
  requested: 'returns.return_requested.v1',
  approved: 'returns.return_approved.v1',
  rejected: 'returns.return_rejected.v1',
  labelCreated: 'returns.label_created.v1',
  exchangeCreated: 'returns.exchange_created.v1',
  received: 'returns.return_received.v1',
  refunded: 'returns.return_refunded.v1',
} as const

export type ReturnsTopic = (typeof RETURNS_TOPICS)[keyof typeof RETURNS_TOPICS]

/** Every returns event carries the return as the API shows it (steps left out) and the topic's extras. */
export type ReturnEventV1 = Omit<Return, 'steps'> & { readonly return_id: string }

export const returnEvent = (topic: ReturnsTopic, r: Return) => {
  const { steps: _steps, ...rest } = r
  const payload: ReturnEventV1 = { ...rest, return_id: r.id }
  return { topic, aggregateId: r.id, payload: payload as unknown as Readonly<Record<string, unknown>> }
}
