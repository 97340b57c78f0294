// https://eslint.org/docs/latest/use/configure/configuration-files
import js from '@eslint/js'
import globals from 'globals'
// https://typescript-eslint.io/getting-started
import tseslint from 'typescript-eslint'
// https://eslint.vuejs.org/user-guide/
import pluginVue from 'eslint-plugin-vue'

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
)
