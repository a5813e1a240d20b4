/**
 * Event topics are `<module>.<past_tense>.v<N>` (e.g. `orders.order_placed.v1`); durable consumer
 * names are `<module>.<what-it-does>` (e.g. `fulfillment.on-order-placed`). Both are checked when a
 * consumer registers, so a typo fails at boot instead of silently never matching.
 */
export const TOPIC_PATTERN = /^[a-z][a-z0-9]*\.[a-z][a-z0-9_]*\.v[1-9][0-9]*$/
export const CONSUMER_PATTERN = /^[a-z][a-z0-9]*\.[a-z](?:[a-z0-9-]*[a-z0-9])?$/

export const isTopic = (s: string): boolean => TOPIC_PATTERN.test(s)

export const isConsumerName = (s: string): boolean => CONSUMER_PATTERN.test(s) && s.length <= 100
