import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTax, type TaxApi, taxOf } from '../../src/modules/tax/index.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'
import { manualClock } from './pricing-fixtures.ts'

type Db = Awaited<ReturnType<typeof createTestDatabase>>

describe.each(engineKinds())('tax rates on %s', (engine) => {
  let db: Db
  let tax: TaxApi
  const clock = manualClock()

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    tax = createTax({ db, clock, cacheTtlMs: 60_000 })
  })
  afterAll(() => db?.close())

  test('seeding the defaults is idempotent', async () => {
    const first = await tax.seedDefaultRates()
    expect(first.inserted).toBeGreaterThan(20)
    expect(await tax.seedDefaultRates()).toEqual({ inserted: 0 })
    const rates = await tax.listRates()
    expect(rates).toHaveLength(first.inserted)
    expect(rates).toContainEqual({ country: 'NO', region: '', rate_bp: 2500, name: 'MVA' })
    expect(rates).toContainEqual({ country: 'US', region: 'CA', rate_bp: 725, name: 'Sales tax' })
  })

  test('a region row wins, else the country row, else no tax', async () => {
    expect(await tax.rateFor({ country: 'US', region: 'CA' })).toEqual({ rateBp: 725, name: 'Sales tax' })
    expect(await tax.rateFor({ country: 'us', region: 'ny' })).toEqual({ rateBp: 400, name: 'Sales tax' })
    expect(await tax.rateFor({ country: 'US', region: 'OR' })).toEqual({ rateBp: 0, name: 'Sales tax' })
    expect(await tax.rateFor({ country: 'DE', region: 'BY' })).toEqual({ rateBp: 1900, name: 'MwSt.' })
    expect(await tax.rateFor({ country: 'FI' })).toEqual({ rateBp: 2550, name: 'ALV' })
    expect(await tax.rateFor({ country: 'ZZ' })).toEqual({ rateBp: 0, name: '' })
  })

  test('rates are cached; setRate clears the cache, other writers are seen after the TTL', async () => {
    expect((await tax.rateFor({ country: 'SE' })).rateBp).toBe(2500)
    await db.orm.execute(sql`update tax.rates set rate_bp = 2400 where country = 'SE'`) // as another process would
    expect((await tax.rateFor({ country: 'SE' })).rateBp).toBe(2500)
    clock.advance(60_001)
    expect((await tax.rateFor({ country: 'SE' })).rateBp).toBe(2400)
    const set = await tax.setRate({ country: 'se', rateBp: 2500 })
    expect(set).toEqual({ ok: true, value: { country: 'SE', region: '', rate_bp: 2500, name: 'Moms' } })
    expect((await tax.rateFor({ country: 'SE' })).rateBp).toBe(2500)
    expect(await tax.setRate({ country: 'US', region: 'or', rateBp: 0, name: 'No sales tax' })).toMatchObject({
      ok: true,
      value: { region: 'OR' },
    })
    expect(await tax.rateFor({ country: 'US', region: 'OR' })).toEqual({ rateBp: 0, name: 'No sales tax' })
    expect(await tax.setRate({ country: 'XX', rateBp: 1000 })).toMatchObject({ ok: true, value: { name: 'Tax' } })
    expect(await tax.setRate({ country: 'NO', rateBp: 10_001 })).toMatchObject({
      ok: false,
      error: { code: 'TAX_INVALID_RATE', field: 'rate_bp' },
    })
  })

  test('rate and computation together: 25% VAT contained in a gross price', async () => {
    const { rateBp } = await tax.rateFor({ country: 'NO' })
    expect(taxOf({ amount: 49_900, rateBp, inclusive: true })).toBe(9980)
    expect(taxOf({ amount: 49_900, rateBp, inclusive: false })).toBe(12_475)
  })
})
