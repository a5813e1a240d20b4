import { parseArgs } from 'node:util'
import { startSandboxCarrier } from './start-sandbox-carrier.ts'

export const SANDBOX_CARRIER_USAGE =
  'crest sandbox carrier [--port 4020] [--latency-ms 0] [--failure-rate 0] [--webhook-url URL] [--webhook-secret S] [--step-ms 5000]'

/**
 * `crest sandbox carrier …`: runs the sandbox carrier until SIGTERM/SIGINT. `--step-ms` sets how
 * long a shipment stays in each status (default: 5 s, 10 s, 5 s; 0 moves on at once).
 */
export const sandboxCarrierCommand = async (args: string[], fail: (message: string) => never): Promise<void> => {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'latency-ms': { type: 'string' },
      'failure-rate': { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'step-ms': { type: 'string' },
    },
  })
  const port = Number(values.port ?? 4020)
  const latencyMs = Number(values['latency-ms'] ?? 0)
  const failureRate = Number(values['failure-rate'] ?? 0)
  const stepMs = values['step-ms'] === undefined ? undefined : Number(values['step-ms'])
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a port number')
  if (!(Number.isInteger(latencyMs) && latencyMs >= 0)) fail('--latency-ms must be a whole number, 0 or more')
  if (!(failureRate >= 0 && failureRate <= 1)) fail('--failure-rate must be between 0 and 1')
  if (stepMs !== undefined && !(Number.isInteger(stepMs) && stepMs >= 0)) fail('--step-ms must be a whole number, 0 or more')
  const webhookUrl = values['webhook-url']
  if (webhookUrl !== undefined && !(/^https?:\/\//.test(webhookUrl) && URL.canParse(webhookUrl)))
    fail('--webhook-url must be an http(s) URL')
  const s = await startSandboxCarrier({
    port,
    host: values.host ?? '127.0.0.1',
    latencyMs,
    failureRate,
    ...(stepMs !== undefined && { timings: { labelCreatedMs: stepMs, inTransitMs: stepMs, outForDeliveryMs: stepMs } }),
    ...(webhookUrl !== undefined && { webhookUrl }),
    ...(values['webhook-secret'] !== undefined && { webhookSecret: values['webhook-secret'] }),
  })
  console.log(
    `Sandbox carrier listening at ${s.url} (GET /v1/ledger shows every shipment${webhookUrl ? `; webhooks to ${webhookUrl}` : ''})`,
  )
  const stop = () => void s.close().then(() => process.exit(0))
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}
