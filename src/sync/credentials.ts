import type { ShopfloorDb } from '../db/schema'
import type { Operator } from '../domain/contract'
import {
  CREDENTIAL_HASH_BYTES,
  CREDENTIAL_KDF,
  credentialInput,
  normalizeBadge,
  sameHash,
  toHex,
  type CredentialInput,
  type CredentialKind,
  type CredentialParams,
} from '../domain/credentials'
import { ActionRefusedError } from '../domain/refusals'
import { requireSession } from './context'

const encoder = new TextEncoder()

/** PBKDF2-HMAC-SHA256 of one credential input through WebCrypto (the browser's, or Node's in tests), as hex. */
export async function deriveCredentialHash(input: CredentialInput, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(input.password), 'PBKDF2', false, ['deriveBits'])
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(input.salt), iterations },
    key,
    CREDENTIAL_HASH_BYTES * 8,
  )
  return toHex(new Uint8Array(bits))
}

/**
 * The terminal's credential parameters from the last bootstrap.
 * @throws ActionRefusedError `credentials_unknown` when none arrived yet (right after an update or pairing).
 */
async function paramsOf(db: ShopfloorDb): Promise<CredentialParams> {
  const { credentials } = (await requireSession(db)).terminal
  // A device updated from a version without hashes keeps its old terminal until the next bootstrap.
  if (credentials?.kdf !== CREDENTIAL_KDF || credentials.salt === '') throw new ActionRefusedError('credentials_unknown')
  return credentials
}

function hashOf(kind: CredentialKind, value: string, params: CredentialParams, employeeId: number): Promise<string> {
  return deriveCredentialHash(credentialInput(kind, value, params.salt, employeeId), params.iterations)
}

/** The hash a scanned badge text has on this terminal, or null before the first bootstrap (nothing can match). */
export async function badgeHash(db: ShopfloorDb, badge: string): Promise<string | null> {
  try {
    return await hashOf('badge', badge, await paramsOf(db), 0)
  } catch (e) {
    if (e instanceof ActionRefusedError) return null
    throw e
  }
}

/** The operator of this terminal wearing this badge, or undefined: one derivation, then an index lookup. */
export async function operatorByBadge(db: ShopfloorDb, badge: string): Promise<Operator | undefined> {
  if (normalizeBadge(badge) === '') return undefined
  const hash = await badgeHash(db, badge)
  return hash === null ? undefined : db.operators.where('badge_hash').equals(hash).first()
}

/**
 * Checks an operator's PIN against the hash the bootstrap carried, offline.
 * @throws ActionRefusedError `pin_not_set` (no PIN in Odoo: nothing to check against) or `pin_wrong`.
 */
export async function verifyPin(db: ShopfloorDb, operator: Operator, pin: string): Promise<void> {
  if (operator.pin_hash === null) throw new ActionRefusedError('pin_not_set', { name: operator.name })
  const hash = await hashOf('pin', pin, await paramsOf(db), operator.id)
  if (!sameHash(hash, operator.pin_hash)) throw new ActionRefusedError('pin_wrong')
}

/**
 * The supervisor who authorizes an action with their badge and PIN, checked offline: an operator of
 * this terminal, with the right to release holds and resolve events (`can_release_holds`).
 * @throws ActionRefusedError `badge_unknown`, `pin_not_set`, `pin_wrong` or `supervisor_required`.
 */
export async function authorizeSupervisor(db: ShopfloorDb, badge: string, pin: string): Promise<Operator> {
  const operator = await operatorByBadge(db, badge)
  if (operator === undefined) throw new ActionRefusedError('badge_unknown')
  await verifyPin(db, operator, pin)
  if (!operator.can_release_holds) throw new ActionRefusedError('supervisor_required', { name: operator.name })
  return operator
}
