import { pino } from 'pino'
import { expect, test } from 'vitest'
import { logContext } from './log-context.ts'
import { runInRequestScope } from './request-scope.ts'

const capture = () => {
  const lines: Record<string, unknown>[] = []
  const logger = pino({ mixin: logContext }, { write: (l: string) => void lines.push(JSON.parse(l)) })
  return { logger, lines }
}

test('lines written inside a request scope carry its request id; others do not, and never share state', () => {
  const { logger, lines } = capture()
  logger.info({ a: 1 }, 'outside')
  runInRequestScope({ requestId: 'req-1' }, () => logger.info({ b: 2 }, 'inside'))
  logger.info('outside again')
  expect(lines.map((l) => [l.msg, l.request_id, l.a, l.b])).toEqual([
    ['outside', undefined, 1, undefined],
    ['inside', 'req-1', undefined, 2],
    ['outside again', undefined, undefined, undefined],
  ])
})

test('the scope follows awaits', async () => {
  const { logger, lines } = capture()
  await runInRequestScope({ requestId: 'req-2' }, async () => {
    await new Promise((r) => setTimeout(r, 1))
    logger.info('later')
  })
  expect(lines[0]?.request_id).toBe('req-2')
})
