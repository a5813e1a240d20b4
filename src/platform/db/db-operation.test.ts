import { expect, test } from 'vitest'
import { operationOf, procedureOf } from './db-operation.ts'

test('the SQL verb, lower case, from a fixed list; anything else is "other"', () => {
  expect(operationOf('select 1')).toBe('select')
  expect(operationOf('  \n INSERT INTO x VALUES ($1)')).toBe('insert')
  expect(operationOf('(select 1) union (select 2)')).toBe('select')
  expect(operationOf('with t as (select 1) update x set a = 1')).toBe('with')
  expect(operationOf('BEGIN')).toBe('begin')
  expect(operationOf('vacuum full')).toBe('other')
  expect(operationOf('')).toBe('other')
  expect(operationOf(undefined)).toBe('other')
  expect(operationOf({ text: 'select' })).toBe('other')
})

test('the database function a statement calls, for its span', () => {
  expect(procedureOf('select checkout.place($1, $2::jsonb) as answer')).toBe('checkout.place')
  expect(procedureOf('  SELECT orders.insert_order ($1)')).toBe('orders.insert_order')
  expect(procedureOf('select count(*) from orders.orders')).toBeUndefined()
  expect(procedureOf('select "cart"."carts"."id" from "cart"."carts"')).toBeUndefined()
  expect(procedureOf(undefined)).toBeUndefined()
})
