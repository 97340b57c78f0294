/** Where and with which code to pair, read from what the supervisor's QR code or screen shows. */
export interface PairingTarget {
  /** Origin of the server, e.g. `https://odoo.example.com`. */
  serverUrl: string
  /** The code in canonical form: upper case, no spaces or dashes. */
  code: string
}

/** Thrown when a scanned or typed pairing text holds no usable code. */
export class PairingInputError extends Error {
  override name = 'PairingInputError'
  constructor(text: string) {
    super(`"${text.slice(0, 80)}" is not a pairing code: scan the QR code Odoo shows, or type its 8-character code.`)
  }
}

const CODE_ALPHABET = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/

/** Canonical form of a pairing code as the servers compare it: upper case, spaces and dashes removed. */
export function normalizePairingCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase()
}

/**
 * Reads a pairing QR URL (`<server>/shopfloor_terminal/app/#/pair?code=CODE` or `<origin>/#/pair?code=CODE`)
 * or a bare code. A bare code pairs with `fallbackServerUrl` (the origin the app was loaded from).
 * @throws PairingInputError when no 8-character code can be found.
 */
export function parsePairingInput(text: string, fallbackServerUrl: string): PairingTarget {
  const trimmed = text.trim()
  let serverUrl = fallbackServerUrl
  let code = trimmed
  if (/^https?:\/\//i.test(trimmed)) {
    const url = new URL(trimmed)
    serverUrl = url.origin
    const query = url.hash.includes('?') ? url.hash.slice(url.hash.indexOf('?')) : url.search
    code = new URLSearchParams(query).get('code') ?? ''
  }
  const normalized = normalizePairingCode(code)
  if (!CODE_ALPHABET.test(normalized)) throw new PairingInputError(text)
  return { serverUrl, code: normalized }
}
