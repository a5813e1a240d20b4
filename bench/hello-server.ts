// The baseline of every bench run: a bare Fastify hello-world, in a process of its own.
// Usage: node bin/run-ts.js bench/hello-server.ts   (PORT and HOST from the environment)
import Fastify from 'fastify'

const port = Number(process.env.PORT ?? 3999)
const host = process.env.HOST ?? '127.0.0.1'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))

await app.listen({ port, host })
process.stdout.write(`hello-server listening on http://${host}:${port}\n`)

const stop = () => {
  void app.close().then(() => process.exit(0))
  setTimeout(() => process.exit(0), 2000).unref()
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
