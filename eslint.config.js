// https://eslint.org/docs/latest/use/configure/configuration-files
import js from '@eslint/js'
import globals from 'globals'
// https://typescript-eslint.io/getting-started
import tseslint from 'typescript-eslint'
// https://eslint.vuejs.org/user-guide/
import pluginVue from 'eslint-plugin-vue'

/**
 * The layers of README's "Repository layout", as import rules per folder: each entry forbids what
 * that folder must not import (static imports, `import type` included), with the reason as message.
 * https://eslint.org/docs/latest/rules/no-restricted-imports#patterns
 */
const VUE_PACKAGES = '^(vue|pinia|vue-i18n|vue-router|@vue/.*)$'
/** A relative import of another folder of `src/`, e.g. `../db` or `../db/rows`. */
const srcFolder = (...names) => `^(\\.\\./)+(${names.join('|')})(/|$)`
const LAYERS = [
  {
    files: ['src/domain/**'],
    because: 'src/domain is pure TypeScript (rules, effects, contract types): no I/O, no Vue, no other src/ folder',
    regex: [VUE_PACKAGES, '^(dexie|uuid|@zxing/.*|workbox-.*|node:.*)$', '^\\.\\./'],
  },
  {
    files: ['src/db/**', 'src/sync/**', 'src/api/**', 'src/scan/**'],
    because: 'src/db, src/sync, src/api and src/scan are plain TypeScript testable in Node: no Vue, Pinia, stores, views or components',
    regex: [VUE_PACKAGES, '\\.vue$', srcFolder('stores', 'views', 'components', 'composables', 'pwa', 'i18n')],
  },
  {
    files: ['src/stores/**', 'src/composables/**'],
    because: 'stores and composables serve the screens; they never import them',
    regex: ['\\.vue$', srcFolder('views', 'components')],
  },
  {
    files: ['src/views/**', 'src/components/**'],
    because: 'screens talk to stores and composables only: no database, API client or sync engine (not even their types)',
    regex: ['^dexie$', srcFolder('db', 'api', 'sync')],
  },
  {
    files: ['server/**'],
    because: 'the demo backend shares only src/domain (the contract and the rules) with the app',
    regex: [VUE_PACKAGES, '^dexie$', '(^|/)src/(?!domain/)'],
  },
]

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'odoo_addon/**',
      'test-results/**',
      'playwright-report/**',
      'e2e/.fixtures/**',
      '.data/**',
      'dev-dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
      // TypeScript checks undefined names itself; the core rule misreads declared globals and types.
      'no-undef': 'off',
    },
  },
  ...LAYERS.map(({ files, because, regex }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: regex.map((r) => ({ regex: r, message: because })) }] },
  })),
)
