import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** Prefix of terminal tokens, so a leaked one is recognisable in logs and secret scanners. */
export const TOKEN_PREFIX = 'sft_'

/** A new bearer token: the prefix and 32 random bytes in base64url (43 characters). */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url')
}

/** The sha256 hex digest the server stores instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Compares two sha256 hex digests in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex')
  const right = Buffer.from(b, 'hex')
  return left.length === right.length && timingSafeEqual(left, right)
}
