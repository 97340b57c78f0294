import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { compileMessageTree, MESSAGE_MODULES, type MessageTree } from '../../../build/precompile-messages'
import { createAppI18n, type Locale } from '../../../src/i18n'
import de from '../../../src/i18n/de'
import en, { type MessageSchema } from '../../../src/i18n/en'
import fr from '../../../src/i18n/fr'
import { PWA_MESSAGES } from '../../../src/pwa/pwa-messages'

const SRC = path.resolve(import.meta.dirname, '../../../src')

function keysOf(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'string' ? [path] : keysOf(value, path)
  })
}

/** Every named placeholder gets a value naming it, so a dropped or swapped one shows in the text. */
const named = new Proxy<Record<string, unknown>>({}, { get: (target, key) => (typeof key === 'string' ? (target[key] ?? `<${key}>`) : undefined) })

/** An i18n instance whose three languages are `resources`, as the built terminal has them. */
function i18nWith(resources: Record<Locale, unknown>) {
  const i18n = createAppI18n()
  for (const [locale, messages] of Object.entries(resources)) i18n.global.setLocaleMessage(locale as Locale, messages as MessageSchema)
  return i18n
}

describe('messages compiled at build time', () => {
  const resources = { en, de, fr }
  // Through JSON, as the plugin emits them into the bundle.
  const compiled = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(resources).map(([l, m]) => [l, compileMessageTree(m, l)]))))
  const fromStrings = i18nWith(resources)
  const fromCompiled = i18nWith(compiled)

  it.each(Object.keys(resources) as Locale[])('render every %s message as the runtime compiler does, plurals included', (locale) => {
    fromStrings.global.locale.value = locale
    fromCompiled.global.locale.value = locale
    const keys = keysOf(resources[locale])
    expect(keys.length).toBeGreaterThan(100)
    for (const key of keys) {
      for (const plural of [1, 2]) {
        const expected = fromStrings.global.t(key, named, plural)
        expect({ key, plural, text: fromCompiled.global.t(key, named, plural) }).toEqual({ key, plural, text: expected })
        expect(expected).not.toBe(key)
      }
    }
  })

  it.each(Object.keys(PWA_MESSAGES) as Locale[])('render the PWA shell\'s own %s texts as the runtime compiler does', (locale) => {
    const [messages, compiledMessages] = [PWA_MESSAGES[locale], compileMessageTree(PWA_MESSAGES[locale], locale)]
    const strings = i18nWith({ en: messages, de: messages, fr: messages })
    const asts = i18nWith({ en: compiledMessages, de: compiledMessages, fr: compiledMessages })
    for (const key of keysOf(messages)) expect(asts.global.t(key)).toBe(strings.global.t(key))
  })

  it('cover every module that hands messages to vue-i18n (others would reach the built app as strings and fail)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(path.join(dir, entry.name)) : /\.(ts|vue)$/.test(entry.name) ? [path.join(dir, entry.name)] : [],
      )
    const handing = sources(SRC).filter((file) => /\bmessages:|setLocaleMessage\(|mergeLocaleMessage\(/.test(readFileSync(file, 'utf8')))
    // Each of them takes its messages from a compiled module: the app's languages or the PWA shell's texts.
    expect(handing.map((file) => path.relative(SRC, file)).sort()).toEqual(['i18n/index.ts', 'pwa/PwaInstallButton.vue', 'pwa/PwaUpdateBanner.vue'])
    for (const module of ['i18n/en.ts', 'i18n/de.ts', 'i18n/fr.ts', 'pwa/pwa-messages.ts']) {
      expect({ module, compiled: MESSAGE_MODULES.some((pattern) => pattern.test(path.join(SRC, module))) }).toEqual({ module, compiled: true })
    }
  })

  it('are the runtime AST, not strings', () => {
    expect(compiled.en.app.title).toMatchObject({ t: 0, b: { s: 'Shop Floor' } })
  })

  it('fail the build with the key and the reason when a message does not parse', () => {
    expect(() => compileMessageTree({ scrap: { title: 'Scrap {qty' } }, 'src/i18n/xx.ts')).toThrow(
      /src\/i18n\/xx\.ts: message "scrap\.title" does not compile: .+/,
    )
  })

  it('refuse a resource leaf that is no string', () => {
    expect(() => compileMessageTree({ scrap: { max: 3 } } as unknown as MessageTree, 'src/i18n/xx.ts')).toThrow(
      'src/i18n/xx.ts: message "scrap.max" is a number, not a string',
    )
  })
})
