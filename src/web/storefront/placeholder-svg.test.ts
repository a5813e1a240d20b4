import { expect, test } from 'vitest'
import { labelLines, PLACEHOLDER_NAME, placeholderSvg } from './placeholder-svg.ts'

test('is deterministic: the same name gives byte-identical SVG', () => {
  expect(placeholderSvg('merino-crew-neck-sweater-1')).toBe(placeholderSvg('merino-crew-neck-sweater-1'))
})

test('different products get different colours', () => {
  const fill = (svg: string) => /<rect[^>]*fill="([^"]+)"/.exec(svg)?.[1]
  expect(fill(placeholderSvg('wool-hat-1'))).not.toBe(fill(placeholderSvg('trail-runner-1')))
})

test('labels with the product words and the view number', () => {
  expect(labelLines('merino-crew-neck-sweater-2')).toEqual(['Merino Crew Neck', 'Sweater'])
  const svg = placeholderSvg('merino-crew-neck-sweater-2')
  expect(svg).toContain('>Merino Crew Neck</text>')
  expect(svg).toContain('>View 2</text>')
})

test('long names are cut to four lines', () => {
  expect(labelLines('a-very-long-product-name-that-keeps-going-and-going-and-going-forever-1')).toHaveLength(4)
})

test('only plain names are accepted, and the output carries no script or style', () => {
  for (const bad of ['', 'Upper', 'a.b', 'a/b', '<x>', 'a b', 'x'.repeat(121)]) expect(PLACEHOLDER_NAME.test(bad)).toBe(false)
  expect(PLACEHOLDER_NAME.test('merino-crew-neck-sweater-1')).toBe(true)
  const svg = placeholderSvg('script-onload-1')
  expect(svg).not.toMatch(/<script|style=|on\w+=/i)
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
})
