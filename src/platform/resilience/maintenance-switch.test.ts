import { expect, test } from 'vitest'
import { createMaintenanceSwitch } from './maintenance-switch.ts'

test('in-process switch: on with a message and a start time, off again; the environment forces it on', async () => {
  const now = () => new Date('2026-12-04T10:00:00Z')
  const s = createMaintenanceSwitch({ key: 'k', forced: false, defaultMessage: 'Back soon', now })
  expect(s.current()).toEqual({ enabled: false, message: 'Back soon', since: null, forcedByEnv: false })
  expect(await s.set({ enabled: true, message: 'New shelves' })).toEqual({
    enabled: true,
    message: 'New shelves',
    since: '2026-12-04T10:00:00.000Z',
    forcedByEnv: false,
  })
  expect((await s.set({ enabled: false })).enabled).toBe(false)
  const forced = createMaintenanceSwitch({ key: 'k', forced: true, defaultMessage: '' })
  expect((await forced.set({ enabled: false })).enabled).toBe(true)
  s.stop()
  forced.stop()
})
