// A real SMTP server for tests, run as its own process (see smtp-sink-process.ts). It accepts mail
// on a free loopback port, parses each message and appends one JSON line per accepted message to
// SMTP_SINK_LOG *before* answering 250, so once a client's send resolves, the record is there.
// Recipients steer failures: `reject…@` is refused for good (550), `busy<n>-…@` is refused for now
// (451) the first n times that address is tried. Prints `{"port":N}` on stdout when listening.
import { appendFileSync } from 'node:fs'
import { simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

const log = process.env.SMTP_SINK_LOG
if (!log) throw new Error('SMTP_SINK_LOG is required')

const tries = new Map<string, number>()
let seq = 0

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code })

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  size: 10 * 1024 * 1024,
  onRcptTo(address, _session, callback) {
    const to = address.address.toLowerCase()
    const n = (tries.get(to) ?? 0) + 1
    tries.set(to, n)
    if (to.startsWith('reject')) return callback(smtpError(550, 'No such user here'))
    const busy = /^busy(\d+)-/.exec(to)
    if (busy && n <= Number(busy[1])) return callback(smtpError(451, 'Mailbox busy, try again later'))
    callback()
  },
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const record = {
          seq: ++seq,
          messageId: mail.messageId ?? null,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: mail.subject ?? null,
          receivedAt: new Date().toISOString(),
        }
        appendFileSync(log, `${JSON.stringify(record)}\n`)
        callback()
      },
      (e: Error) => callback(smtpError(554, `unparsable message: ${e.message}`)),
    )
  },
})

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address()
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`)
})

const stop = () => server.close(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
