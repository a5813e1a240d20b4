import { jetstreamManager } from '@nats-io/jetstream'
import { connect } from '@nats-io/transport-node'

/** Deletes the run's own JetStream stream (events no worker consumed during the bench). */
export const deleteStream = async (natsUrl: string, stream: string): Promise<void> => {
  const nc = await connect({ servers: natsUrl.replace(/^nats:\/\//, ''), timeout: 5000 })
  try {
    const jsm = await jetstreamManager(nc)
    await jsm.streams.delete(stream).catch(() => false)
  } finally {
    await nc.close()
  }
}
