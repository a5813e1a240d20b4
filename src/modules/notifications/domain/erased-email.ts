/**
 * What is left of an outbox e-mail after its recipient's erasure (GDPR): the row, its id, key,
 * template, order, subject (store name and order number only), status history and times stay, so
 * support still sees that something was sent and when; the address, the template data and the
 * rendered bodies (names, addresses, phone, links with tokens) are replaced. The same placeholders
 * as an erased order's.
 */
export const ERASED_RECIPIENT = 'erased@erased.invalid'
export const ERASED_BODY = 'erased'
/** the reason an e-mail still waiting to be sent is never sent */
export const ERASED_BEFORE_SENDING = 'not sent: the recipient asked for their data to be erased'
