import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { contentTypeOfExt, type ImageType, sniffImage } from '../domain/sniff-image.ts'

/** Where uploaded product images are served from; files are named by their content, so they never change. */
export const MEDIA_URL_PREFIX = '/media/uploads/'
const FILE_NAME = /^([0-9a-f]{32})\.(jpg|png|webp|gif)$/

export type StoredImage = {
  readonly url: string
  readonly name: string
  readonly content_type: ImageType['contentType']
  readonly bytes: number
}
export type MediaFile = { readonly body: Buffer; readonly contentType: string; readonly etag: string }

export type MediaStore = {
  /** the largest upload accepted, in bytes */
  readonly maxBytes: number
  /** null when the bytes are not a JPEG, PNG, WebP or GIF image */
  readonly save: (bytes: Buffer) => Promise<StoredImage | null>
  /** null for a name that is not a stored file (or not a well-formed name at all) */
  readonly read: (name: string) => Promise<MediaFile | null>
}

/**
 * Product images as files under one directory (MEDIA_DIR). A file's name is the first 128 bits of
 * its SHA-256 plus the sniffed extension: saving the same picture twice stores it once, and a
 * name never points to other content, so it can be cached for a year. Written to a temporary
 * name and renamed, so a reader never sees half a file.
 */
export const createMediaStore = (o: { readonly dir: string; readonly maxBytes: number }): MediaStore => {
  let made: Promise<unknown> | null = null
  const ensureDir = () => {
    made ??= mkdir(o.dir, { recursive: true })
    return made
  }
  return {
    maxBytes: o.maxBytes,
    save: async (bytes) => {
      const type = sniffImage(bytes)
      if (!type) return null
      const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${type.ext}`
      const path = join(o.dir, name)
      await ensureDir()
      const exists = await stat(path).then(
        (s) => s.size === bytes.length,
        () => false,
      )
      if (!exists) {
        const tmp = join(o.dir, `.${name}.${randomBytes(6).toString('hex')}.tmp`)
        await writeFile(tmp, bytes)
        await rename(tmp, path)
      }
      return { url: `${MEDIA_URL_PREFIX}${name}`, name, content_type: type.contentType, bytes: bytes.length }
    },
    read: async (name) => {
      const m = FILE_NAME.exec(name)
      const contentType = m?.[2] ? contentTypeOfExt(m[2]) : null
      if (!m || !contentType) return null
      const body = await readFile(join(o.dir, name)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null
        throw e
      })
      return body && { body, contentType, etag: `"${m[1]}"` }
    },
  }
}
