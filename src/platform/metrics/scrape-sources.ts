/**
 * Values read at scrape time (a pool's counts, a gateway's breaker, the outbox's age) come from
 * sources the app registers while it runs. Several apps may live in one process (tests): each
 * registers its own and removes it when it closes.
 */
export type SourceSet<T> = {
  readonly add: (source: T) => () => void
  readonly each: () => Iterable<T>
}

export const sourceSet = <T>(): SourceSet<T> => {
  const sources = new Set<T>()
  return {
    add: (source) => {
      sources.add(source)
      return () => void sources.delete(source)
    },
    each: () => sources,
  }
}
