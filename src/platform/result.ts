/** Expected outcomes are returned, not thrown (STYLE.md §6). */
export type Ok<T> = { readonly ok: true; readonly value: T }
export type Err<E> = { readonly ok: false; readonly error: E }
export type Result<T, E> = Ok<T> | Err<E>

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value })
export const err = <E>(error: E): Err<E> => ({ ok: false, error })

export const assertNever = (x: never): never => {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`)
}
