/**
 * An abort signal for one outgoing call: it aborts after `ms`, or when `outer` does. `done()` clears
 * the timer once the call is over. Unlike `AbortSignal.timeout`, whose timer still fires (and builds
 * its error) long after a call that finished, and `AbortSignal.any`, which keeps both signals
 * tracked, this costs nothing once done — it is on the path of every checkout's payment call.
 */
export type Deadline = { readonly signal: AbortSignal; readonly done: () => void }

export const deadline = (ms: number, outer?: AbortSignal): Deadline => {
  const c = new AbortController()
  const onOuter = () => c.abort(outer?.reason)
  const timer = setTimeout(() => c.abort(new DOMException(`The call took longer than ${ms} ms.`, 'TimeoutError')), ms)
  if (outer?.aborted) onOuter()
  else outer?.addEventListener('abort', onOuter, { once: true })
  return {
    signal: c.signal,
    done: () => {
      clearTimeout(timer)
      outer?.removeEventListener('abort', onOuter)
    },
  }
}
