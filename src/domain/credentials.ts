/**
 * Badges and PINs as the terminal may know them: salted PBKDF2-HMAC-SHA256 hashes, never the clear
 * text. This module is the one definition of what is hashed (the tablet, the demo backend and the
 * Odoo addon's `services/credentials.py` derive the same bytes, checked by shared vectors); the
 * derivation itself runs at the edges (WebCrypto on the tablet, node:crypto, hashlib).
 * Threat model and the iteration choice: docs/contract-decisions.md, "Identity on the floor".
 */

/** The key derivation every server and the tablet use; the bootstrap names it so a change is visible. */
export const CREDENTIAL_KDF = 'PBKDF2-HMAC-SHA256'

/**
 * PBKDF2 iterations the servers send by default: about 10 ms for one check on a desktop core, a few
 * times that on a slow tablet, so a sign-in stays well under 100 ms (bench/credentials.bench.ts).
 */
export const CREDENTIAL_ITERATIONS = 50_000

/** Length of a derived hash in bytes (sent as lowercase hex, twice as many characters). */
export const CREDENTIAL_HASH_BYTES = 32

/** Tells this scheme apart from any later one, so a hash of one can never match the other. */
const SCHEME = 'shopfloor-terminal/credential/v1'

/** What a badge or PIN hash is derived with, as the bootstrap sends it in `terminal.credentials`. */
export interface CredentialParams {
  kdf: typeof CREDENTIAL_KDF
  iterations: number
  /** The terminal's own random salt: the same badge hashes differently on every terminal. */
  salt: string
}

/** The two credentials an operator may have. */
export type CredentialKind = 'badge' | 'pin'

/** The PBKDF2 password and salt of one credential, as UTF-8 text. */
export interface CredentialInput {
  password: string
  salt: string
}

/** A badge as scanned or typed: scanners add line ends and spaces that are not part of it. */
export function normalizeBadge(text: string): string {
  return text.trim()
}

/**
 * The PBKDF2 input of an operator's badge or PIN on a terminal with salt `terminalSalt`.
 * A badge hash does not depend on the employee, so a scan finds its operator with one derivation; a
 * PIN hash does (its salt carries the employee id), so the same PIN of two operators never shows as
 * the same hash and each must be attacked on its own. The NUL separator cannot occur in either part
 * (both servers refuse control characters), so no two inputs run together.
 */
export function credentialInput(kind: CredentialKind, value: string, terminalSalt: string, employeeId: number): CredentialInput {
  if (kind === 'badge') return { password: `badge\u0000${normalizeBadge(value)}`, salt: `${SCHEME}\u0000${terminalSalt}` }
  return { password: `pin\u0000${value.trim()}`, salt: `${SCHEME}\u0000${terminalSalt}\u0000${employeeId}` }
}

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * Compares two hex hashes in time independent of where they first differ (a timing side channel is
 * moot offline, but the servers share the habit).
 */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
