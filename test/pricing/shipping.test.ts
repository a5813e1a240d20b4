import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createShipping, type ShippingApi } from '../../src/modules/fulfillment/index.ts'
import { createTestDatabase, engineKinds } from '../support/test-database.ts'

type Db = Awaited<ReturnType<typeof createTestDatabase>>

describe.each(engineKinds())('shipping options on %s', (engine) => {
  let db: Db
  let shipping: ShippingApi
  const cart = { subtotal: 2000, weightGrams: 2300 }

  beforeAll(async () => {
    db = await createTestDatabase(engine)
    shipping = createShipping({ db })
  })
  afterAll(() => db?.close())

  test('seeding the defaults is idempotent, with the same ids every time', async () => {
    expect(await shipping.seedDefaultZones()).toEqual({ zones: 3, options: 30 })
    const before = await shipping.listZones()
    expect(await shipping.seedDefaultZones()).toEqual({ zones: 0, options: 0 })
    const other = await createTestDatabase(engine)
    try {
      await createShipping({ db: other }).seedDefaultZones()
      expect(await createShipping({ db: other }).listZones()).toEqual(before)
    } finally {
      await other.close()
    }
    expect(before.map((z) => [z.name, z.options.length])).toEqual([
      ['Nordics', 10],
      ['Europe', 10],
      ['Rest of world', 10],
    ])
  })

  test('quotes the zone of the country, in the currency, Standard first', async () => {
    const no = await shipping.quoteOptions({ country: 'no', currency: 'NOK', ...cart })
    expect(no.map((q) => [q.name, q.amount, q.currency])).toEqual([
      ['Standard', 6900, 'NOK'],
      ['Express', 16900 + 3 * 2500, 'NOK'],
    ])
    const de = await shipping.quoteOptions({ country: 'DE', currency: 'EUR', ...cart })
    expect(de.map((q) => q.amount)).toEqual([690, 1990 + 3 * 300])
    const br = await shipping.quoteOptions({ country: 'BR', currency: 'USD', ...cart })
    expect(br.map((q) => q.amount)).toEqual([1590, 4290 + 3 * 900])
    const free = await shipping.quoteOptions({ country: 'SE', currency: 'SEK', subtotal: 59_900, weightGrams: 0 })
    expect(free.map((q) => q.amount)).toEqual([0, 16900])
    expect(await shipping.quoteOptions({ country: 'NO', currency: 'JPY', ...cart })).toEqual([])
  })

  test('getQuote prices one option of the serving zone, and says why another cannot be used', async () => {
    const [standard] = await shipping.quoteOptions({ country: 'NO', currency: 'EUR', ...cart })
    if (!standard) throw new Error('no option')
    expect(await shipping.getQuote({ optionId: standard.id, country: 'FI', currency: 'EUR', ...cart })).toEqual({
      ok: true,
      value: standard,
    })
    expect(await shipping.getQuote({ optionId: standard.id, country: 'DE', currency: 'EUR', ...cart })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_OPTION_NOT_AVAILABLE', country: 'DE', message: '"Standard" does not ship to DE.' },
    })
    expect(await shipping.getQuote({ optionId: standard.id, country: 'NO', currency: 'NOK', ...cart })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_OPTION_NOT_AVAILABLE', message: '"Standard" is not offered in NOK.' },
    })
    expect(await shipping.getQuote({ optionId: 'ship_nope', country: 'NO', currency: 'EUR', ...cart })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_UNKNOWN_OPTION', optionId: 'ship_nope' },
    })
  })

  test('a country belongs to one zone; options need an existing zone', async () => {
    expect(await shipping.createZone({ name: 'Iberia', countries: ['es', 'AD'] })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_COUNTRY_TAKEN', countries: ['ES'] },
    })
    expect(await shipping.createZone({ name: 'World 2', countries: ['*'] })).toMatchObject({ ok: false, error: { countries: ['*'] } })
    const zone = await shipping.createZone({ name: 'Andorra', countries: ['AD'] })
    if (!zone.ok) throw new Error(zone.error.message)
    expect(zone.value).toMatchObject({ name: 'Andorra', countries: ['AD'], options: [] })
    const option = await shipping.createOption({
      zone_id: zone.value.id,
      name: 'Courier',
      kind: 'weight',
      currency: 'EUR',
      amount: 900,
      per_kg: 150,
    })
    expect(option).toMatchObject({ ok: true, value: { zone_id: zone.value.id, per_kg: 150, free_above: null, position: 0 } })
    expect(await shipping.quoteOptions({ country: 'AD', currency: 'EUR', ...cart })).toEqual([
      { id: option.ok ? option.value.id : '', name: 'Courier', amount: 900 + 3 * 150, currency: 'EUR' },
    ])
    expect(await shipping.createOption({ zone_id: 'zone_nope', name: 'X', kind: 'flat', currency: 'EUR', amount: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_UNKNOWN_ZONE' },
    })
    expect(
      await shipping.createOption({ zone_id: zone.value.id, name: 'X', kind: 'flat', currency: 'EUR', amount: 1, per_kg: 5 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FULFILLMENT_INVALID_INPUT', field: 'per_kg' },
    })
  })
})
