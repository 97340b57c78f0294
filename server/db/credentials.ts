import { pbkdf2Sync } from 'node:crypto'
import {
  CREDENTIAL_HASH_BYTES,
  CREDENTIAL_ITERATIONS,
  credentialInput,
  type CredentialInput,
} from '../../src/domain/credentials.ts'

/** PBKDF2-HMAC-SHA256 of one credential input through node:crypto, as hex (the same bytes as the tablet's WebCrypto). */
export function deriveCredentialHash(input: CredentialInput, iterations: number): string {
  return pbkdf2Sync(input.password, input.salt, iterations, CREDENTIAL_HASH_BYTES, 'sha256').toString('hex')
}

/** An employee's clear badge and PIN, as the demo's database holds them. */
export interface EmployeeSecrets {
  id: number
  badge: string | null
  pin: string | null
}

/** The hashes an operator carries in the bootstrap. */
export interface OperatorHashes {
  badge_hash: string | null
  pin_hash: string | null
}

/**
 * The operators' hashes per terminal salt, derived only when an employee's badge or PIN or the salt
 * changed: a bootstrap of 100 operators would otherwise spend a second in PBKDF2.
 */
export function createCredentialCache(iterations: number = CREDENTIAL_ITERATIONS) {
  const cache = new Map<string, { badge: string | null; pin: string | null; hashes: OperatorHashes }>()
  return {
    iterations,
    /** The hashes of this employee on the terminal with this salt. */
    hashes(salt: string, employee: EmployeeSecrets): OperatorHashes {
      const key = `${salt}\u0000${employee.id}`
      const known = cache.get(key)
      if (known && known.badge === employee.badge && known.pin === employee.pin) return known.hashes
      const hash = (kind: 'badge' | 'pin', value: string | null) =>
        value === null || value === '' ? null : deriveCredentialHash(credentialInput(kind, value, salt, employee.id), iterations)
      const hashes = { badge_hash: hash('badge', employee.badge), pin_hash: hash('pin', employee.pin) }
      cache.set(key, { badge: employee.badge, pin: employee.pin, hashes })
      return hashes
    },
  }
}

/** The cache's interface. */
export type CredentialCache = ReturnType<typeof createCredentialCache>
