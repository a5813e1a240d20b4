/**
 * The Message-ID of an outbox row: derived from the row id alone, so every attempt at sending
 * the row carries the same one, and a duplicate delivered after a crash can be recognised
 * (and collapsed by mail clients that dedupe on Message-ID).
 */
export const messageIdFor = (emailId: string, domain: string): string => `<${emailId}@${domain}>`
