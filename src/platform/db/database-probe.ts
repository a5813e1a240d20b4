import pg from 'pg'

/**
 * `select 1` on a connection of its own, kept open between probes and replaced when it breaks:
 * a pool busy with a flash sale is not taken for a database that is down.
 */
export const createDatabaseProbe = (url: string, timeoutMs = 2000) => {
  let client: pg.Client | undefined
  const drop = () => {
    const c = client
    client = undefined
    c?.end().catch(() => undefined)
  }
  return {
    ping: async (): Promise<void> => {
      try {
        if (!client) {
          const c = new pg.Client({
            connectionString: url,
            connectionTimeoutMillis: timeoutMs,
            query_timeout: timeoutMs,
            application_name: 'crest-probe',
          })
          c.on('error', () => drop())
          client = c
          await c.connect()
        }
        await client.query('select 1')
      } catch (e) {
        drop()
        throw e
      }
    },
    close: async () => drop(),
  }
}
