import { describe, expect, test } from 'vitest'
import { contentTypeOfExt, sniffImage } from './sniff-image.ts'

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)))

describe('sniffImage', () => {
  test('knows JPEG, PNG, GIF and WebP by their leading bytes', () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.contentType).toBe('image/jpeg')
    expect(sniffImage(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.ext).toBe('png')
    expect(sniffImage(bytes('GIF89a', [1, 0]))?.contentType).toBe('image/gif')
    expect(sniffImage(bytes('GIF87a', [1, 0]))?.contentType).toBe('image/gif')
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.contentType).toBe('image/webp')
  })

  test('refuses SVG, HTML, other RIFF files, empty and truncated input', () => {
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toBeNull()
    expect(sniffImage(bytes('<!doctype html><script>alert(1)</script>'))).toBeNull()
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
    expect(sniffImage(bytes([0xff, 0xd8, 0xff]))).toBeNull()
    expect(sniffImage(bytes([0x89], 'PNG'))).toBeNull()
  })

  test('maps stored extensions back to content types, and nothing else', () => {
    expect(contentTypeOfExt('webp')).toBe('image/webp')
    expect(contentTypeOfExt('svg')).toBeNull()
    expect(contentTypeOfExt('constructor')).toBeNull()
  })
})
