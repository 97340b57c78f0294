import { ref } from 'vue'
import { describe, expect, it } from 'vitest'
import { displayPadValue, padValue, pressPadKey, type PadKey } from '../../../src/composables/numeric-entry'
import { useQuantityHint } from '../../../src/composables/useQuantityHint'
import { showLocale } from '../../../src/i18n'

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

describe('useQuantityHint', () => {
  it('asks for the quantity first, then the lot of a tracked product, and nothing once both are there', async () => {
    await showLocale('en')
    const entry = ref('')
    const lot = ref('')
    const needsLot = ref(true)
    const hint = useQuantityHint(entry, lot, needsLot)
    expect(hint.value).toBe('Enter the quantity on the pad.')
    entry.value = '0.'
    expect(hint.value).toBe('Enter the quantity on the pad.')
    entry.value = '2'
    expect(hint.value).toBe('Scan or type the lot / serial.')
    lot.value = '  '
    expect(hint.value).toBe('Scan or type the lot / serial.')
    lot.value = 'LOT-7'
    expect(hint.value).toBeNull()
    lot.value = ''
    needsLot.value = false
    expect(hint.value).toBeNull()
  })

  it('speaks the screen language', async () => {
    await showLocale('de')
    expect(useQuantityHint(ref(''), ref(''), ref(false)).value).toBe('Geben Sie die Menge auf dem Ziffernfeld ein.')
    await showLocale('en')
  })
})
