import { describe, expect, test } from 'vitest'
import { newTokenId, signPass, signTicket, tokenKind, verifyPass, verifyTicket } from './queue-tokens.ts'

const SECRET = 'a-secret-of-at-least-thirty-two-characters'
const NOW = 1_800_000_000_000
const HOUR = 3600_000

describe('tickets', () => {
  const ticket = { seq: 42, issuedAtMs: NOW, id: newTokenId() }

  test('a signed ticket verifies to what was signed', () => {
    const token = signTicket(SECRET, ticket)
    expect(tokenKind(token)).toBe('ticket')
    expect(verifyTicket(SECRET, token, NOW + 1000, HOUR)).toEqual({ ok: true, value: ticket })
  })

  test('a ticket signed with another key, or with any field changed, is forged', () => {
    const token = signTicket(SECRET, ticket)
    expect(verifyTicket('another-secret-of-at-least-thirty-two-chars', token, NOW, HOUR)).toEqual({ ok: false, problem: 'forged' })
    // move to the front of the line by editing the number: the signature no longer matches
    const front = token.replace('q1.42.', 'q1.1.')
    expect(verifyTicket(SECRET, front, NOW, HOUR)).toEqual({ ok: false, problem: 'forged' })
    const younger = token.replace(`.${NOW}.`, `.${NOW + 5000}.`)
    expect(verifyTicket(SECRET, younger, NOW, HOUR)).toEqual({ ok: false, problem: 'forged' })
    const sig = token.slice(token.lastIndexOf('.') + 1)
    const flipped = token.slice(0, -sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1)
    expect(verifyTicket(SECRET, flipped, NOW, HOUR)).toEqual({ ok: false, problem: 'forged' })
  })

  test('a ticket as old as its lifetime is expired; one from far in the future too', () => {
    const token = signTicket(SECRET, ticket)
    expect(verifyTicket(SECRET, token, NOW + HOUR - 1, HOUR).ok).toBe(true)
    expect(verifyTicket(SECRET, token, NOW + HOUR, HOUR)).toEqual({ ok: false, problem: 'expired' })
    expect(verifyTicket(SECRET, token, NOW - 10 * 60_000, HOUR)).toEqual({ ok: false, problem: 'expired' })
  })

  test('garbage is malformed, never a crash', () => {
    for (const t of [
      '',
      'q1',
      'q1.1.2.3.4',
      'q1.-1.5.abcdefghijklmnop.x',
      `q1.1.${NOW}.short.x`,
      'p1.x.y.z',
      'q1.'.repeat(80),
      'q1.01.5.abcdefghijklmnop.x',
    ])
      expect(verifyTicket(SECRET, t, NOW, HOUR)).toEqual({ ok: false, problem: 'malformed' })
  })
})

describe('passes', () => {
  test('a pass is good until its expiry, then not', () => {
    const pass = { id: newTokenId(), expiresAtMs: NOW + 60_000 }
    const token = signPass(SECRET, pass)
    expect(tokenKind(token)).toBe('pass')
    expect(verifyPass(SECRET, token, NOW)).toEqual({ ok: true, value: pass })
    expect(verifyPass(SECRET, token, NOW + 60_000)).toEqual({ ok: false, problem: 'expired' })
  })

  test('extending a pass by editing its expiry is forgery; a ticket is not a pass', () => {
    const token = signPass(SECRET, { id: newTokenId(), expiresAtMs: NOW + 60_000 })
    expect(verifyPass(SECRET, token.replace(`.${NOW + 60_000}.`, `.${NOW + 9 * HOUR}.`), NOW)).toEqual({ ok: false, problem: 'forged' })
    expect(verifyPass(SECRET, signTicket(SECRET, { seq: 1, issuedAtMs: NOW, id: newTokenId() }), NOW)).toEqual({
      ok: false,
      problem: 'malformed',
    })
  })
})
