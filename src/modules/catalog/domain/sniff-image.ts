/** The image formats the store accepts for product pictures, by their leading bytes. */
export type ImageType = {
  readonly contentType: 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif'
  readonly ext: 'jpg' | 'png' | 'webp' | 'gif'
}

const starts = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x)
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0))

/**
 * The image type the bytes really are (never what the client says), or null for anything else:
 * SVG (scripts), HTML, truncated headers. JPEG: FF D8 FF; PNG: its 8-byte signature; GIF87a/89a;
 * WebP: a RIFF container of type WEBP.
 */
export const sniffImage = (b: Uint8Array): ImageType | null => {
  if (starts(b, [0xff, 0xd8, 0xff]) && b.length >= 4) return { contentType: 'image/jpeg', ext: 'jpg' }
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { contentType: 'image/png', ext: 'png' }
  if (starts(b, ascii('GIF87a')) || starts(b, ascii('GIF89a'))) return { contentType: 'image/gif', ext: 'gif' }
  if (starts(b, ascii('RIFF')) && starts(b, ascii('WEBP'), 8) && b.length > 12) return { contentType: 'image/webp', ext: 'webp' }
  return null
}

const BY_EXT: Readonly<Record<string, ImageType['contentType']>> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
}

/** The content type a stored file is served with, from its extension. */
export const contentTypeOfExt = (ext: string): ImageType['contentType'] | null =>
  Object.hasOwn(BY_EXT, ext) ? (BY_EXT[ext] ?? null) : null
