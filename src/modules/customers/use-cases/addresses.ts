import { err, ok } from '../../../platform/result.ts'
import type { AddressInput, CustomersApi } from '../contract.ts'
import type { CustomersContext } from '../deps.ts'
import type { CustomersError } from '../errors.ts'
import {
  addressColumns,
  countAddressesOf,
  deleteAddressRow,
  findAddressRow,
  insertAddress,
  listAddressRows,
  toAddress,
  updateAddressRow,
} from '../store/address-sql.ts'

export const MAX_ADDRESSES = 50

/** Another customer's address is "not found" too: ids never reveal whose they are. */
const notFound: CustomersError = { code: 'CUSTOMERS_NOT_FOUND', message: 'No such address.' }

/** Input shape and lengths are checked at the HTTP edge (zod); the country is stored upper-case. */
const normalised = (a: AddressInput): AddressInput => ({ ...a, country: a.country.toUpperCase() })

export const listAddresses =
  (c: CustomersContext): CustomersApi['listAddresses'] =>
  async (customerId) =>
    (await listAddressRows(c.db.orm, customerId)).map(toAddress)

export const getAddress =
  (c: CustomersContext): CustomersApi['getAddress'] =>
  async (customerId, id) => {
    const row = await findAddressRow(c.db.orm, customerId, id)
    return row ? ok(toAddress(row)) : err(notFound)
  }

export const addAddress =
  (c: CustomersContext): CustomersApi['addAddress'] =>
  async (customerId, input) => {
    if ((await countAddressesOf(c.db.orm, customerId)) >= MAX_ADDRESSES)
      return err({ code: 'CUSTOMERS_INVALID_INPUT', field: 'addresses', message: `At most ${MAX_ADDRESSES} addresses per account.` })
    const now = c.clock.now()
    const row = await insertAddress(c.db.orm, {
      id: c.newId('addr'),
      customerId,
      ...addressColumns(normalised(input)),
      createdAt: now,
      updatedAt: now,
    })
    return ok(toAddress(row))
  }

export const updateAddress =
  (c: CustomersContext): CustomersApi['updateAddress'] =>
  async (customerId, id, input) => {
    const row = await updateAddressRow(c.db.orm, customerId, id, { ...addressColumns(normalised(input)), updatedAt: c.clock.now() })
    return row ? ok(toAddress(row)) : err(notFound)
  }

export const deleteAddress =
  (c: CustomersContext): CustomersApi['deleteAddress'] =>
  async (customerId, id) =>
    (await deleteAddressRow(c.db.orm, customerId, id)) ? ok(null) : err(notFound)
