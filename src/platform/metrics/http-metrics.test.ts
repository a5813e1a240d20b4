import { expect, test } from 'vitest'
import { httpServerRequestDuration, observeHttpRequest } from './http-metrics.ts'

const count = async (route: string, method: string, statusClass: string) =>
  (await httpServerRequestDuration.get()).values.find(
    (v) =>
      v.metricName === 'http_server_request_duration_seconds_count' &&
      v.labels.route === route &&
      v.labels.method === method &&
      v.labels.status_class === statusClass,
  )?.value ?? 0

test('observes into the series of the route template, method and status class', async () => {
  observeHttpRequest('/x/:id', 'GET', 200, 0.01)
  observeHttpRequest('/x/:id', 'GET', 204, 0.02)
  observeHttpRequest('/x/:id', 'GET', 404, 0.001)
  observeHttpRequest('/x/:id', 'POST', 503, 1.5)
  observeHttpRequest('/x/:id', 'GET', 101, 0.001)
  expect(await count('/x/:id', 'GET', '2xx')).toBe(2)
  expect(await count('/x/:id', 'GET', '4xx')).toBe(1)
  expect(await count('/x/:id', 'POST', '5xx')).toBe(1)
  expect(await count('/x/:id', 'GET', '1xx')).toBe(1)
})
