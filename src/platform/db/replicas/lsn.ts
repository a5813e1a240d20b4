/**
 * A PostgreSQL WAL position (`pg_lsn`, text form `16/B374D848`) as a bigint, so positions compare
 * and subtract exactly (the difference is bytes of WAL).
 */
export type Lsn = bigint

const LSN_TEXT = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/

/** The position, or undefined when the text is not an LSN (a forged or truncated token). */
export const parseLsn = (text: string | null | undefined): Lsn | undefined => {
  const m = text ? LSN_TEXT.exec(text.trim()) : null
  if (!m) return undefined
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`)
}

export const formatLsn = (lsn: Lsn): string =>
  `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`

export const maxLsn = (a: Lsn, b: Lsn): Lsn => (a > b ? a : b)
