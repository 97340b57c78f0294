import { describe, expect, test } from 'vitest'
import { bootstrap, target } from './fixtures.ts'

const idName = { id: expect.any(Number), name: expect.any(String) }

describe('bootstrap', () => {
  test('has the documented shape', async () => {
    const boot = await bootstrap()
    expect(boot.api_version).toBe('1')
    expect(Number.isNaN(Date.parse(boot.server_time))).toBe(false)
    expect(boot.terminal).toEqual({
      id: target.pairing.terminal.id,
      name: expect.any(String),
      work_center_ids: expect.any(Array),
      settings: {
        require_operator: expect.any(Boolean),
        allow_operator_list: expect.any(Boolean),
        allow_lot_creation: expect.any(Boolean),
        allow_production_close: expect.any(Boolean),
        require_pin: expect.any(Boolean),
        overproduction_tolerance: expect.any(Number),
      },
      credentials: { kdf: 'PBKDF2-HMAC-SHA256', iterations: expect.any(Number), salt: expect.any(String) },
    })
    expect(boot.terminal.credentials.iterations).toBeGreaterThanOrEqual(10_000)
    expect(boot.terminal.credentials.salt).toMatch(/^[0-9a-f]{32,}$/)
    expect(boot.limits).toEqual({ max_batch: 200, max_body_bytes: 1_048_576 })
  })

  test('lists exactly the terminal’s work centers with their downtime state', async () => {
    const boot = await bootstrap()
    expect(boot.work_centers.map((wc) => wc.id).sort()).toEqual([...boot.terminal.work_center_ids].sort())
    for (const center of boot.work_centers) {
      expect(center).toMatchObject({ ...idName, code: expect.any(String), is_blocked: expect.any(Boolean) })
      expect(center.is_blocked).toBe(center.open_downtime !== null)
    }
  })

  test('lists operators with their badge and PIN as hashes only, and the reasons', async () => {
    const boot = await bootstrap()
    for (const operator of boot.operators) {
      expect(Object.keys(operator).sort()).toEqual(['badge_hash', 'can_release_holds', 'id', 'lang', 'name', 'pin_hash'])
      for (const hash of [operator.badge_hash, operator.pin_hash]) if (hash !== null) expect(hash).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(boot.operators.some((op) => op.badge_hash !== null)).toBe(true)
    for (const reason of [...boot.scrap_reasons, ...boot.hold_reasons]) expect(reason).toMatchObject(idName)
    for (const loss of boot.loss_reasons) {
      expect(loss).toMatchObject(idName)
      expect(['availability', 'performance', 'quality', 'productive']).toContain(loss.loss_type)
    }
  })

  test('lists products with tracking and unit', async () => {
    for (const product of (await bootstrap()).products) {
      expect(product).toMatchObject({ id: expect.any(Number), display_name: expect.any(String), uom: expect.any(String) })
      expect(['none', 'lot', 'serial']).toContain(product.tracking)
    }
  })
})
