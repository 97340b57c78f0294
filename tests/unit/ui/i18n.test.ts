import { describe, expect, it } from 'vitest'
import de from '../../../src/i18n/de'
import en from '../../../src/i18n/en'
import fr from '../../../src/i18n/fr'
import { EVENT_TYPES } from '../../../src/domain/contract'
import { createAppI18n, matchLocale, showLocale } from '../../../src/i18n'
import { eventTypeText } from '../../../src/i18n/event-texts'

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
  it.each(EVENT_TYPES)('%s has a name in every language', async (type) => {
    for (const locale of ['en', 'de', 'fr'] as const) {
      await showLocale(locale)
      expect(eventTypeText(type)).not.toMatch(/^event\./)
    }
    await showLocale('en')
  })
})

describe('createAppI18n', () => {
  it('translates with plurals and falls back to English', async () => {
    const i18n = createAppI18n()
    await showLocale('de', i18n)
    expect(i18n.global.t('sync.status.waiting', { n: 3 }, 3)).toBe('3 wartend')
    await showLocale('fr', i18n)
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

describe('showLocale', () => {
  it('fetches a language once, when it is first shown, and English needs no fetch', async () => {
    const fresh = createAppI18n()
    expect(fresh.global.availableLocales).toEqual(['en'])
    await showLocale('fr', fresh)
    expect(fresh.global.locale.value).toBe('fr')
    expect(fresh.global.availableLocales.sort()).toEqual(['en', 'fr'])
    await showLocale('en', fresh)
    expect(fresh.global.t('queue.count', { n: 1 }, 1)).toBe('1 work order')
  })
})
