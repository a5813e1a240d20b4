import { expect, test } from 'vitest'
import { labelPdf } from './label-pdf.ts'

const label = {
  trackingNumber: 'SBX123456789012',
  service: 'express',
  reference: 'ord_(1)',
  from: 'Crest Demo, Berlin, DE',
  to: 'Zoë, Paris, FR',
  weightGrams: 1200,
  isReturn: false,
}

test('a well-formed one-page PDF naming the tracking number', () => {
  const pdf = labelPdf(label)
  expect(pdf.startsWith('%PDF-1.4\n')).toBe(true)
  expect(pdf.endsWith('%%EOF\n')).toBe(true)
  expect(pdf).toContain('(SBX123456789012) Tj')
  expect(pdf).toContain('(Reference: ord_\\(1\\)) Tj')
  expect(pdf).toContain('(To: Zo?, Paris, FR) Tj')
  expect([...pdf].every((c) => c === '\n' || (c >= ' ' && c <= '~'))).toBe(true)
})

test('the cross-reference table points at each object', () => {
  const pdf = labelPdf({ ...label, isReturn: true })
  const startxref = Number(/startxref\n(\d+)/.exec(pdf)?.[1])
  expect(pdf.slice(startxref).startsWith('xref\n0 6\n')).toBe(true)
  const offsets = [...pdf.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]))
  expect(offsets).toHaveLength(5)
  expect(offsets.map((o) => pdf.slice(o, pdf.indexOf('\n', o)))).toEqual(['1 0 obj', '2 0 obj', '3 0 obj', '4 0 obj', '5 0 obj'])
  const length = Number(/\/Length (\d+)/.exec(pdf)?.[1])
  const stream = pdf.slice(pdf.indexOf('stream\n') + 7, pdf.indexOf('\nendstream'))
  expect(stream.length).toBe(length)
  expect(pdf).toContain('RETURN')
})
