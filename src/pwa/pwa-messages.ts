/**
 * The shell's own texts, kept next to its components (vue-i18n local scope; the locale follows the app's).
 * Same keys in every language: the English object is the type.
 */
const en = {
  updateReady: 'A new version of the terminal is ready.',
  updateNow: 'Update now',
  later: 'Later',
  offlineReady: 'The terminal is ready to work offline.',
  ok: 'OK',
  install: 'Install app',
}

export type PwaMessages = typeof en

export const PWA_MESSAGES: Record<'en' | 'de' | 'fr', PwaMessages> = {
  en,
  de: {
    updateReady: 'Eine neue Version des Terminals ist bereit.',
    updateNow: 'Jetzt aktualisieren',
    later: 'Später',
    offlineReady: 'Das Terminal arbeitet jetzt auch offline.',
    ok: 'OK',
    install: 'App installieren',
  },
  fr: {
    updateReady: 'Une nouvelle version du terminal est prête.',
    updateNow: 'Mettre à jour',
    later: 'Plus tard',
    offlineReady: 'Le terminal peut maintenant travailler hors ligne.',
    ok: 'OK',
    install: "Installer l'application",
  },
}
