import { expect, test } from 'vitest'
import { z } from 'zod'
import { readForm, requiredText, textField, wholeNumber } from './read-form.ts'

const form = z.object({
  name: requiredText(10, 'Enter a name.'),
  note: textField(5),
  quantity: wholeNumber(1, 9, 'From 1 to 9.'),
})

test('a valid form is trimmed and typed; absent optional text is empty', () => {
  expect(readForm(form, { name: '  Ada ', quantity: '3', extra: 'ignored' })).toEqual({
    ok: true,
    value: { name: 'Ada', note: '', quantity: 3 },
  })
})

test('each failing field gets its first message; a body that is not an object reads as an empty form', () => {
  expect(readForm(form, { name: '', note: 'too long!', quantity: '0' })).toEqual({
    ok: false,
    errors: { name: 'Enter a name.', note: 'At most 5 characters.', quantity: 'From 1 to 9.' },
  })
  for (const body of [null, undefined, 'name=Ada', ['Ada'], 42])
    expect(readForm(form, body)).toEqual({ ok: false, errors: { name: 'Enter a name.', quantity: 'From 1 to 9.' } })
})

test('arrays, objects, control characters and non-decimal numbers are refused, not coerced', () => {
  const r = readForm(form, { name: ['Ada'], note: { $ne: 1 }, quantity: '1e1' })
  expect(r).toEqual({ ok: false, errors: { name: 'Enter a name.', note: 'Please enter text here.', quantity: 'From 1 to 9.' } })
  expect(readForm(form, { name: 'A\u0007', quantity: ' 2 ' })).toEqual({ ok: false, errors: { name: 'One line of text, please.' } })
  for (const q of ['-1', '1.5', '0x2', '', ' ', '99999999999']) expect(readForm(form, { name: 'Ada', quantity: q }).ok, q).toBe(false)
})
