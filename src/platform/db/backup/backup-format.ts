import { openSync, readSync, closeSync } from 'node:fs'

/** The two kinds of backup file: pg_dump's custom format, or a PGlite data directory as .tar.gz. */
export type BackupFormat = 'pg_dump' | 'pglite'

/** Recognises a backup file by its first bytes; null when it is neither kind. */
export const detectBackupFormat = (head: Uint8Array): BackupFormat | null => {
  if (head.length >= 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === 'PGDMP') return 'pg_dump'
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite'
  return null
}

export const readFileHead = (file: string, bytes = 8): Uint8Array => {
  const fd = openSync(file, 'r')
  try {
    const buf = Buffer.alloc(bytes)
    const n = readSync(fd, buf, 0, bytes, 0)
    return buf.subarray(0, n)
  } finally {
    closeSync(fd)
  }
}
