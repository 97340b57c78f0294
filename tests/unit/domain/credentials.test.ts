import { pbkdf2Sync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CREDENTIAL_HASH_BYTES, CREDENTIAL_ITERATIONS, credentialInput, sameHash } from '../../../src/domain/credentials'
import { deriveCredentialHash } from '../../../src/sync/credentials'

const SALT = '0123456789abcdef0123456789abcdef'

/**
 * The same vectors are in the addon's tests/test_credentials.py: the tablet (WebCrypto), the demo backend
 * (node:crypto) and Odoo (hashlib) must derive the same bytes, or no badge signs in anywhere.
 */
const VECTORS: Array<[string, 'badge' | 'pin', string, number, string]> = [
  ['a badge, any employee', 'badge', ' BADGE-1005\r\n', 0, 'c0d1027964b3d8df5d97fae5da4b4daa1f0983546c64330cd3a6038fefd4af4d'],
  ['a PIN of employee 5', 'pin', '1005', 5, '1440c16e589f37fb79641d145734014dc6abcc50ef1ec9ec1e76325845873be8'],
  ['the same PIN of employee 6', 'pin', '1005', 6, '21f396b47fd5449cff4bb7b4ac04f5e6c661686f4a425ec99016eaf02b6a4f4a'],
]

describe('credential hashes', () => {
  it.each(VECTORS)('%s: WebCrypto and node:crypto derive the shared vector', async (_name, kind, value, employeeId, expected) => {
    const input = credentialInput(kind, value, SALT, employeeId)
    expect(await deriveCredentialHash(input, CREDENTIAL_ITERATIONS)).toBe(expected)
    expect(pbkdf2Sync(input.password, input.salt, CREDENTIAL_ITERATIONS, CREDENTIAL_HASH_BYTES, 'sha256').toString('hex')).toBe(expected)
  })

  it('salts a badge per terminal, a PIN per terminal and employee, and never mixes the two kinds', () => {
    const badge = credentialInput('badge', '1005', SALT, 5)
    expect(credentialInput('badge', '1005', SALT, 6)).toEqual(badge)
    expect(credentialInput('badge', '1005', 'another terminal', 5).salt).not.toBe(badge.salt)
    expect(credentialInput('pin', '1005', SALT, 5).password).not.toBe(badge.password)
    expect(credentialInput('pin', '1005', SALT, 5).salt).not.toBe(credentialInput('pin', '1005', SALT, 6).salt)
  })

  it('compares hashes whole', () => {
    expect(sameHash('ab01', 'ab01')).toBe(true)
    expect(sameHash('ab01', 'ab02')).toBe(false)
    expect(sameHash('ab01', 'ab0')).toBe(false)
  })
})
