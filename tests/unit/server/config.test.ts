import { describe, expect, test } from 'vitest'
import { ConfigError, readConfig } from '../../../server/config.ts'

describe('SHOPFLOOR_TOKEN_LIFETIME_DAYS', () => {
  test('unset, tokens never expire (0); a number of days is kept', () => {
    expect(readConfig({}, '/srv').tokenLifetimeDays).toBe(0)
    expect(readConfig({ SHOPFLOOR_TOKEN_LIFETIME_DAYS: '30' }, '/srv').tokenLifetimeDays).toBe(30)
    expect(readConfig({ SHOPFLOOR_TOKEN_LIFETIME_DAYS: '0' }, '/srv').tokenLifetimeDays).toBe(0)
  })

  test('a value that is not a whole number of days from 0 is refused, naming the variable', () => {
    for (const bad of ['-1', '1.5', 'forever']) {
      expect(() => readConfig({ SHOPFLOOR_TOKEN_LIFETIME_DAYS: bad }, '/srv')).toThrow(ConfigError)
      expect(() => readConfig({ SHOPFLOOR_TOKEN_LIFETIME_DAYS: bad }, '/srv')).toThrow(/SHOPFLOOR_TOKEN_LIFETIME_DAYS/)
    }
  })
})

describe('SHOPFLOOR_DEMO_CELLS', () => {
  test('unset, no isolated cell; a comma-separated list of codes is kept in order', () => {
    expect(readConfig({}, '/srv').demoCells).toEqual([])
    expect(readConfig({ SHOPFLOOR_DEMO_CELLS: 'RETIME, E2E-2' }, '/srv').demoCells).toEqual(['RETIME', 'E2E-2'])
  })

  test('a code that cannot name a cell, a catalog work center or a repeated code is refused, naming the variable', () => {
    for (const bad of ['retime', 'CNC1', 'A B', 'RETIME,RETIME', 'X'.repeat(17)]) {
      expect(() => readConfig({ SHOPFLOOR_DEMO_CELLS: bad }, '/srv')).toThrow(ConfigError)
      expect(() => readConfig({ SHOPFLOOR_DEMO_CELLS: bad }, '/srv')).toThrow(/SHOPFLOOR_DEMO_CELLS/)
    }
  })
})
