import { randomInt } from 'node:crypto'

/** Letters and digits a person cannot confuse (no I, L, O, 0, 1). */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
/** Characters in a pairing code. */
export const PAIRING_CODE_LENGTH = 8

/** A new random pairing code. */
export function generatePairingCode(): string {
  let code = ''
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)]
  return code
}

/** The form codes are stored and compared in: upper case, without the spaces and dashes people type. */
export function normalizePairingCode(text: string): string {
  return text.replace(/[\s-]/g, '').toUpperCase()
}

/** True when `text` is a well-formed pairing code once normalized. */
export function isPairingCode(text: string): boolean {
  const code = normalizePairingCode(text)
  return code.length === PAIRING_CODE_LENGTH && [...code].every((c) => PAIRING_ALPHABET.includes(c))
}
