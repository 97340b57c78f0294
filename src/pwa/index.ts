/** The PWA shell: what the rest of the app imports. */
export { registerPwa, type PwaRegistration, type RegisterPwaOptions } from './register-pwa'
export { usePwa, type UsePwaReturn } from './usePwa'
export type { InstallOutcome } from './install-prompt'
export { default as PwaUpdateBanner } from './PwaUpdateBanner.vue'
export { default as PwaInstallButton } from './PwaInstallButton.vue'
