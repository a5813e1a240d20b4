/** A subscription wants a topic when it lists it or `*`. */
export const WILDCARD = '*'

export const wantsTopic = (eventTypes: readonly string[], topic: string): boolean =>
  eventTypes.includes(WILDCARD) || eventTypes.includes(topic)

/** Only http(s) URLs with a host; anything else is refused at creation. */
export const isWebhookUrl = (raw: string): boolean => {
  try {
    const u = new URL(raw)
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === ''
  } catch {
    return false
  }
}
