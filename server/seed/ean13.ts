/** The GS1 check digit of the first 12 digits of an EAN-13 (weights 1,3,1,3… from the left). */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new RangeError(`An EAN-13 body is 12 digits, got "${first12}".`)
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return (10 - (sum % 10)) % 10
}

/** A full EAN-13 from its 12-digit body. */
export function ean13(first12: string): string {
  return first12 + String(ean13CheckDigit(first12))
}
