import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, test } from 'vitest'
import { DEFAULT_SANDBOX_CARRIER_SECRET, sandboxCarrier } from '../../src/modules/fulfillment/carriers/index.ts'
import { freePort } from '../support/crest-process.ts'
import { runProcess } from '../support/run-process.ts'
import { eventually, parcel, pollUntilDelivered, shipmentOf, startReceiver } from './support.ts'

const CREST = fileURLToPath(new URL('../../bin/crest.js', import.meta.url))

/** `crest sandbox carrier` as a real separate process. */
describe('crest sandbox carrier', () => {
  let child: ChildProcess | undefined
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL')
  })

  test('refuses bad options with exit code 2', async () => {
    const [rate, trucks] = await Promise.all([
      runProcess(process.execPath, [CREST, 'sandbox', 'carrier', '--failure-rate', '2'], { timeoutMs: 60_000 }),
      runProcess(process.execPath, [CREST, 'sandbox', 'trucks'], { timeoutMs: 60_000 }),
    ])
    expect(rate.status).toBe(2)
    expect(rate.stderr).toContain('--failure-rate')
    expect(trucks.status).toBe(2)
  })

  test('serves the carrier API: a shipment walks to delivered and its signed webhooks arrive', async () => {
    const receiver = await startReceiver()
    const port = await freePort()
    child = spawn(
      process.execPath,
      [CREST, 'sandbox', 'carrier', '--port', String(port), '--step-ms', '20', '--webhook-url', receiver.url],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let out = ''
    child.stdout?.on('data', (d) => (out += d))
    child.stderr?.on('data', (d) => (out += d))
    try {
      await eventually(() => (out.includes('Sandbox carrier listening') ? true : undefined), 30_000, `the sandbox to start:\n${out}`)
      const url = `http://127.0.0.1:${port}`
      expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ ok: true })
      const carrier = sandboxCarrier({ name: 'sandbox', url, secret: DEFAULT_SANDBOX_CARRIER_SECRET })
      const s = shipmentOf(
        await carrier.createShipment({ ...parcel, reference: 'ord_cli_1', service: 'express', idempotencyKey: 'ship_ord_cli_1' }),
      )
      expect((await pollUntilDelivered(carrier, s.id)).map((e) => e.status)).toEqual([
        'label_created',
        'in_transit',
        'out_for_delivery',
        'delivered',
      ])
      const hooks = await eventually(() => (receiver.accepted(s.id).length === 4 ? receiver.accepted(s.id) : undefined), 5000, 'webhooks')
      for (const h of hooks) expect(await carrier.verifyWebhook({ rawBody: h.rawBody, headers: h.headers })).toHaveLength(1)
      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      await receiver.close()
    }
  })
})
