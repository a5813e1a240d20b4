import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createMediaStore } from './media-store.ts'

const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')

describe('media store', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crest-media-unit-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  test('stores an image once under its content hash and reads it back with its type', async () => {
    const store = createMediaStore({ dir: join(dir, 'nested'), maxBytes: 1024 })
    const a = await store.save(GIF)
    const b = await store.save(Buffer.from(GIF))
    expect(a).toEqual({
      url: `/media/uploads/${a?.name}`,
      name: expect.stringMatching(/^[0-9a-f]{32}\.gif$/),
      content_type: 'image/gif',
      bytes: GIF.length,
    })
    expect(b).toEqual(a)
    expect(await readdir(join(dir, 'nested'))).toEqual([a?.name])
    const f = await store.read(a?.name ?? '')
    expect(f?.contentType).toBe('image/gif')
    expect(f?.body.equals(GIF)).toBe(true)
  })

  test('refuses what is not an image, and reads only well-formed stored names', async () => {
    const store = createMediaStore({ dir, maxBytes: 1024 })
    expect(await store.save(Buffer.from('<svg/>'))).toBeNull()
    expect(await readdir(dir)).toEqual([])
    await writeFile(join(dir, 'notes.txt'), 'secret')
    for (const name of ['notes.txt', '../notes.txt', `${'a'.repeat(32)}.gif`, `${'a'.repeat(32)}.svg`, `.${'a'.repeat(32)}.gif.x.tmp`]) {
      expect(await store.read(name)).toBeNull()
    }
  })
})
