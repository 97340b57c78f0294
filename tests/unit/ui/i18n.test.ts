import { describe, expect, it } from 'vitest'
import de from '../../../src/i18n/de'
import en from '../../../src/i18n/en'
import fr from '../../../src/i18n/fr'
import { EVENT_TYPES } from '../../../src/domain/contract'
import { createAppI18n, i18n, matchLocale } from '../../../src/i18n'
import { eventTypeText } from '../../../src/stores/supervisor'

type Tree = { [key: string]: string | Tree }

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv)
  }
  return out
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const english = leaves(en)

describe.each([
  ['de', de],
  ['fr', fr],
])('the %s messages', (_locale, messages) => {
  const translated = leaves(messages)

  it('have every English key and no other', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('use the same placeholders and plural forms as English', () => {
    for (const [key, text] of english) {
      const other = translated.get(key) ?? ''
      expect({ key, p: placeholders(other), plural: other.split(' | ').length }).toEqual({
        key,
        p: placeholders(text),
        plural: text.split(' | ').length,
      })
    }
  })

  it('are never empty', () => {
    expect([...translated.values()].filter((v) => v.trim() === '')).toEqual([])
  })
})

describe('event type names', () => {
  it.each(EVENT_TYPES)('%s has a name in every language', (type) => {
    for (const locale of ['en', 'de', 'fr'] as const) {
      i18n.global.locale.value = locale
      expect(eventTypeText(type)).not.toMatch(/^event\./)
    }
    i18n.global.locale.value = 'en'
  })
})

describe('createAppI18n', () => {
  it('translates with plurals and falls back to English', () => {
    const i18n = createAppI18n('de')
    expect(i18n.global.t('sync.status.waiting', { n: 3 }, 3)).toBe('3 wartend')
    i18n.global.locale.value = 'fr'
    expect(i18n.global.t('queue.count', { n: 1 }, 1)).toBe('1 ordre de travail')
    expect(i18n.global.t('queue.count', { n: 4 }, 4)).toBe('4 ordres de travail')
  })

  it.each([
    ['de-AT', 'de'],
    ['fr_CH', 'fr'],
    ['EN', 'en'],
    ['it', null],
    [null, null],
  ])('matches %s to %s', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale)
  })
})
