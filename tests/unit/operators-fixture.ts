/** Operators as a bootstrap carries them: badge and PIN as salted hashes, derived here with node:crypto. */
import { pbkdf2Sync } from 'node:crypto'
import type { Operator } from '../../src/domain/contract'
import { CREDENTIAL_HASH_BYTES, CREDENTIAL_KDF, credentialInput, type CredentialParams } from '../../src/domain/credentials'

/** The test terminal's credential parameters: few iterations, the tests check the scheme, not its cost. */
export const TEST_CREDENTIALS: CredentialParams = { kdf: CREDENTIAL_KDF, iterations: 1000, salt: '5a1t0f7e571e2m1n' }

function hash(kind: 'badge' | 'pin', value: string | null, id: number): string | null {
  if (value === null) return null
  const { password, salt } = credentialInput(kind, value, TEST_CREDENTIALS.salt, id)
  return pbkdf2Sync(password, salt, TEST_CREDENTIALS.iterations, CREDENTIAL_HASH_BYTES, 'sha256').toString('hex')
}

/** An operator of the test terminal with this badge and PIN (null: not set). */
export function hashedOperator(
  operator: Omit<Operator, 'badge_hash' | 'pin_hash'>,
  badge: string | null,
  pin: string | null,
): Operator {
  return { ...operator, badge_hash: hash('badge', badge, operator.id), pin_hash: hash('pin', pin, operator.id) }
}

/** The test terminal's hash of a scanned text as a badge (what the scan store computes before resolving). */
export function badgeHashOf(text: string | null): string | null {
  return text === null ? null : hash('badge', text, 0)
}
