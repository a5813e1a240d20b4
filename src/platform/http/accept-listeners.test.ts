import { createServer, type Server } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterEach, expect, test } from 'vitest'
import { addAcceptListeners } from './accept-listeners.ts'

const servers: Server[] = []
afterEach(() => {
  for (const s of servers.splice(0)) s.close()
})

const listening = async () => {
  const server = createServer((_req, res) => res.end('ok'))
  servers.push(server)
  await new Promise<void>((r) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r))
  return { server, port: (server.address() as { port: number }).port }
}

/** a GET whose answer ends the connection: resolves with what came back */
const get = (socket: Socket) =>
  new Promise<string>((resolve) => {
    let text = ''
    socket.write('GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n')
    socket.on('data', (b) => {
      text += b.toString()
    })
    socket.on('close', () => resolve(text))
    socket.on('error', () => resolve(text))
  })

test('connections queued while the loop was busy are taken by every descriptor in turn and served by the server', async () => {
  const { server, port } = await listening()
  const warnings: string[] = []
  const extra = await addAcceptListeners(server, { extra: 3, backlog: 4096, warn: (m) => warnings.push(m) })
  expect(extra.extra).toBe(3)
  expect(warnings).toEqual([])

  const sockets = Array.from({ length: 200 }, () => connect(port, '127.0.0.1'))
  const busyUntil = Date.now() + 150
  while (Date.now() < busyUntil) {} // the loop is busy: the kernel queues the connections meanwhile
  const answers = await Promise.all(sockets.map(get))

  expect(answers.filter((a) => a.startsWith('HTTP/1.1 200') && a.endsWith('ok'))).toHaveLength(200)
  // one connection per descriptor per turn of the loop: the 200 are shared by the four of them
  const byExtra = extra.accepted()
  expect(byExtra).toHaveLength(3)
  for (const n of byExtra) expect(n).toBeGreaterThan(20)
  expect(byExtra.reduce((a, b) => a + b, 0)).toBeLessThan(200)
})

test('once closed, with the server, nothing accepts any more', async () => {
  const { server, port } = await listening()
  const extra = await addAcceptListeners(server, { extra: 2, backlog: 4096, warn: () => {} })
  expect(extra.extra).toBe(2)
  expect(await get(connect(port, '127.0.0.1'))).toContain('ok')
  extra.close()
  await new Promise((r) => server.close(r))
  const refused = await new Promise<string>((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.on('connect', () => resolve('connected'))
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
  })
  expect(refused).toBe('ECONNREFUSED')
})

test('none asked, or a server not listening: nothing is added and nothing is spawned', async () => {
  const { server } = await listening()
  expect((await addAcceptListeners(server, { extra: 0, backlog: 4096, warn: () => {} })).extra).toBe(0)
  const idle = createServer()
  expect((await addAcceptListeners(idle, { extra: 2, backlog: 4096, warn: () => {} })).extra).toBe(0)
})
