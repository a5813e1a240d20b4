import { Redis } from 'ioredis'
import { failSpan, SpanKind, startLeafSpan, tracingOn } from '../tracing/tracer.ts'

type Command = { readonly name: string; readonly promise: Promise<unknown> }
let patched = false
/** a command can pass through sendCommand again (offline queue, reconnect): one span each */
const traced = new WeakSet<Command>()

/**
 * With tracing on, a CLIENT span for every Redis command (cache tier, tag versions, flash-sale
 * gate, rate limits), under the request that sent it. Patches `Redis.prototype.sendCommand` once,
 * as OpenTelemetry's ioredis instrumentation does; with tracing off the cost is one boolean test.
 */
export const instrumentRedis = (): void => {
  if (patched) return
  patched = true
  const proto = Redis.prototype as unknown as { sendCommand: (command: Command, stream?: unknown) => unknown }
  const original = proto.sendCommand
  proto.sendCommand = function (this: Redis, command: Command, stream?: unknown) {
    if (tracingOn() && command?.promise && !traced.has(command)) {
      traced.add(command)
      const span = startLeafSpan(`redis ${command.name}`, { 'db.system.name': 'redis', 'db.operation.name': command.name }, SpanKind.CLIENT)
      if (span)
        command.promise.then(
          () => span.end(),
          (e: unknown) => {
            failSpan(span, e)
            span.end()
          },
        )
    }
    return original.call(this, command, stream)
  }
}
