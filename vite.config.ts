/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
// https://github.com/vitejs/vite-plugin-vue
import vue from '@vitejs/plugin-vue'
// https://vite-pwa-org.netlify.app/guide/inject-manifest
import { VitePWA } from 'vite-plugin-pwa'
import { precompileMessages } from './build/precompile-messages.ts'

const API_PREFIX = '/shopfloor_terminal'
const devBackend = process.env.SHOPFLOOR_DEV_BACKEND ?? 'http://127.0.0.1:8080'

export default defineConfig({
  // Relative base: the same build is served at `/` by `npm start` and at
  // `/shopfloor_terminal/app/` by the Odoo addon.
  base: './',
  plugins: [
    vue(),
    precompileMessages(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // A prompt, never autoUpdate: a reload must not happen under an operator's hands.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg'],
      manifest: {
        id: './',
        name: 'Shop Floor Terminal',
        short_name: 'Shop Floor',
        description: 'Offline-first shop-floor terminal for Odoo work orders',
        start_url: './',
        scope: './',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#0f172a',
        background_color: '#0f172a',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        // Icons and the manifest are added by the plugin itself; listing them here would precache them twice.
        globPatterns: ['**/*.{js,css,html,svg}'],
      },
      devOptions: { enabled: false },
    }),
  ],
  define: {
    __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '1.0.0'),
    __VUE_OPTIONS_API__: 'false',
    // Composition API only, no <i18n-t>/v-t: vue-i18n's legacy API and global components stay out
    // of the bundle (https://vue-i18n.intlify.dev/guide/advanced/optimization#reduce-bundle-size-with-feature-build-flags).
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  server: {
    proxy: { [API_PREFIX]: devBackend },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      output: {
        // The libraries of the first load in one chunk of their own: fewer, better-compressed files
        // than the bundler's own split (112.7 → 112.1 KB gzip); a release whose app code uses no new
        // library export leaves this chunk's hash alone, so tablets do not download it again.
        // The camera decoder (@zxing) and workbox-window stay out: they load on demand.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](vue|@vue|vue-router|vue-i18n|@intlify|pinia|dexie|uuid)[\\/]/ }],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'contract',
          environment: 'node',
          include: ['tests/contract/**/*.test.ts'],
          globalSetup: ['tests/contract/global-setup.ts'],
          // The suite talks to one server and some tests depend on its state: run files one after another.
          fileParallelism: false,
          testTimeout: 20_000,
        },
      },
    ],
    reporters: ['default', './tests/summary-reporter.ts'],
  },
})
