import { spawn } from 'node:child_process'
import type { Server } from 'node:http'
import { createServer, type Server as NetServer, type Socket } from 'node:net'

/**
 * Node's event loop (libuv) accepts one new connection per listening descriptor per turn of the
 * loop. A busy process turns its loop about a thousand times a second, so when a sale opens and
 * thousands of browsers connect at once, they wait in the kernel's queue for up to a second
 * before the process even sees them (docs/decisions/0023). More descriptors of the same listening
 * socket accept that many connections per turn. Node 20 cannot open the port again with
 * SO_REUSEPORT, so the copies come the one way Node offers: a short-lived helper process receives
 * the socket over IPC and sends it back `extra` times; each copy arriving is a new descriptor.
 */
const ECHO_HELPER = `
let sent = -1
// 'on', not 'once': the channel must stay referenced while the copies wait for their acknowledgements
process.on('message', (m, handle) => {
  if (sent !== -1 || !handle) return
  sent = 0
  const next = (e) => {
    if (e || sent === m.copies) return process.disconnect()
    sent++
    process.send({ copy: sent }, handle, next)
  }
  next()
})`

export type AcceptListeners = {
  /** extra descriptors accepting (0: none could be made) */
  readonly extra: number
  /** connections each extra descriptor accepted */
  readonly accepted: () => readonly number[]
  /** stops the extra descriptors accepting (the server's own one is closed by server.close) */
  readonly close: () => void
}

type RawHandle = object

/**
 * Adds `extra` descriptors to the listening socket of `server` (already listening); what they
 * accept is served by `server` as its own connections. Never throws: if the copies cannot be made
 * (no IPC, timeout), it says so through `warn` and the server keeps its one descriptor.
 */
export const addAcceptListeners = async (
  server: Server,
  o: { readonly extra: number; readonly backlog: number; readonly timeoutMs?: number; readonly warn: (message: string) => void },
): Promise<AcceptListeners> => {
  const listeners: NetServer[] = []
  const counts: number[] = []
  const result: AcceptListeners = {
    get extra() {
      return listeners.length
    },
    accepted: () => [...counts],
    close: () => {
      for (const l of listeners) l.close()
    },
  }
  const handle = (server as unknown as { _handle?: RawHandle | null })._handle
  if (o.extra <= 0 || !handle) return result

  const helper = spawn(process.execPath, ['-e', ECHO_HELPER], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      o.warn(`only ${listeners.length} of ${o.extra} extra accepting descriptors came back in time`)
      helper.kill()
    }, o.timeoutMs ?? 5000)
    helper.on('error', (e) => {
      clearTimeout(timer)
      o.warn(`no extra accepting descriptors: ${e.message}`)
      resolve()
    })
    // 'close' comes once the helper has exited (its own copy of the socket, which would keep the
    // port open after the server closed, is gone) and its channel has delivered every copy
    helper.on('close', () => {
      clearTimeout(timer)
      if (listeners.length < o.extra) o.warn(`only ${listeners.length} of ${o.extra} extra accepting descriptors could be made`)
      resolve()
    })
    helper.on('message', (_m, copy) => {
      if (!copy || listeners.length >= o.extra) return
      const i = counts.push(0) - 1
      const l = createServer()
      l.on('connection', (socket: Socket) => {
        counts[i] = (counts[i] ?? 0) + 1
        server.emit('connection', socket)
      })
      l.on('error', (e) => o.warn(`an extra accepting descriptor failed: ${e.message}`))
      // every listen() sets the socket's queue length: keep the server's own
      l.listen(copy as never, o.backlog)
      listeners.push(l)
    })
    helper.send({ copies: o.extra }, handle as never)
  })
  return result
}
