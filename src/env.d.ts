/// <reference types="vite/client" />

/** The terminal's semver, sent as `X-Terminal-Client` (from package.json at build time). */
declare const __APP_VERSION__: string
