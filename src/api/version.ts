// Replaced at build time by Vite's `define` (vite.config.ts) with package.json's version. Declared
// here as well as in src/env.d.ts so that tests and benchmarks, type-checked by tsconfig.node.json,
// can import the client.
declare const __APP_VERSION__: string

/** The terminal's semver, sent as `X-Terminal-Client` and in the pairing request. */
export const CLIENT_VERSION: string = __APP_VERSION__
