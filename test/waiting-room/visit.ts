/** A shopper's request with the waiting room's cookies and headers, and what it answered. */
export type Visit = {
  readonly status: number
  readonly ticket: string | undefined
  readonly pass: string | undefined
  readonly headerToken: string | null
  readonly headerPass: string | null
  readonly retryAfter: string | null
  readonly contentType: string
  readonly cacheControl: string | null
  readonly body: string
}

const cookieFrom = (setCookies: readonly string[], name: string): string | undefined => {
  for (const c of setCookies) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c)
    if (m) return m[1]
  }
  return undefined
}

export const visit = async (
  url: string,
  o: { ticket?: string; pass?: string; header?: string; bearer?: string; method?: string; body?: unknown; ua?: string } = {},
): Promise<Visit> => {
  const cookies = [o.ticket && `crest_queue=${o.ticket}`, o.pass && `crest_pass=${o.pass}`].filter(Boolean).join('; ')
  const r = await fetch(url, {
    method: o.method ?? 'GET',
    redirect: 'manual',
    headers: {
      ...(cookies && { cookie: cookies }),
      ...(o.header && { 'x-queue-token': o.header }),
      ...(o.bearer && { authorization: `Bearer ${o.bearer}` }),
      ...(o.body !== undefined && { 'content-type': 'application/json' }),
      'user-agent': o.ua ?? 'waiting-room-test',
    },
    ...(o.body !== undefined && { body: JSON.stringify(o.body) }),
  })
  const set = r.headers.getSetCookie()
  return {
    status: r.status,
    ticket: cookieFrom(set, 'crest_queue'),
    pass: cookieFrom(set, 'crest_pass'),
    headerToken: r.headers.get('x-queue-token'),
    headerPass: r.headers.get('x-queue-pass'),
    retryAfter: r.headers.get('retry-after'),
    contentType: r.headers.get('content-type') ?? '',
    cacheControl: r.headers.get('cache-control'),
    body: await r.text(),
  }
}

/** the place in line a ticket holds */
export const seqOf = (ticket: string): number => Number(ticket.split('.')[1])

/** true when the answer is the queue page (not the store) */
export const queued = (v: Visit): boolean => v.status === 503 && v.body.includes('you are in line')
