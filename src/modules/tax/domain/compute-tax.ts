/** n / d rounded half away from zero, for d > 0 (integers only: no floating point). */
const divRound = (n: bigint, d: bigint): bigint => (n < 0n ? -divRound(-n, d) : (n * 2n + d) / (d * 2n))

/**
 * The tax on an amount in minor units at a rate in basis points (2500 = 25%).
 * Exclusive: the tax to add, round(amount × rate / 10 000).
 * Inclusive: the tax contained in the amount, round(amount × rate / (10 000 + rate)).
 * Rounds half up (half away from zero for negative amounts such as refunds, so tax(−x) = −tax(x)).
 */
export const taxOf = (input: { readonly amount: number; readonly rateBp: number; readonly inclusive: boolean }): number => {
  const { amount, rateBp, inclusive } = input
  if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be an integer of minor units: ${amount}`)
  if (!Number.isSafeInteger(rateBp) || rateBp < 0) throw new RangeError(`rateBp must be a non-negative integer: ${rateBp}`)
  const rate = BigInt(rateBp)
  return Number(divRound(BigInt(amount) * rate, inclusive ? 10_000n + rate : 10_000n))
}
