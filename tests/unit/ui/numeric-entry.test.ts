import { describe, expect, it } from 'vitest'
import { displayPadValue, padValue, pressPadKey, type PadKey } from '../../../src/composables/numeric-entry'

function typeKeys(keys: PadKey[], rules = {}): string {
  return keys.reduce((v, k) => pressPadKey(v, k, rules), '')
}

describe('pressPadKey', () => {
  it.each<[string, PadKey[], string, object]>([
    ['digits append', ['1', '2'], '12', {}],
    ['a leading zero is replaced', ['0', '5'], '5', {}],
    ['a point after nothing reads 0.', ['.', '5'], '0.5', {}],
    ['one point only', ['1', '.', '.', '2'], '1.2', {}],
    ['decimals are capped', ['1', '.', '2', '3', '4', '5'], '1.234', {}],
    ['whole units refuse the point', ['1', '.', '2'], '12', { maxDecimals: 0 }],
    ['back removes the last character', ['1', '2', 'back'], '1', {}],
    ['back on empty stays empty', ['back'], '', {}],
    ['clear empties', ['1', '2', 'clear'], '', {}],
    ['the length is capped', ['1', '2', '3', '4', '5'], '123', { maxLength: 3 }],
  ])('%s', (_name, keys, expected, rules) => {
    expect(typeKeys(keys, rules)).toBe(expected)
  })
})

describe('padValue and displayPadValue', () => {
  it.each([
    ['', null],
    ['.', null],
    ['0', null],
    ['0.', null],
    ['2.', 2],
    ['0.25', 0.25],
    ['12', 12],
  ])('padValue(%j) is %j', (entry, n) => {
    expect(padValue(entry)).toBe(n)
  })

  it('shows the entry, an unfinished "12." too, with the decimal mark given', () => {
    expect(displayPadValue('1.5', ',')).toBe('1,5')
    expect(displayPadValue('12.', ',')).toBe('12,')
    expect(displayPadValue('1.5', '.')).toBe('1.5')
  })
})
